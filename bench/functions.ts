/**
 * A projection calling ten functions of the str:, math:, time: and json: libraries per event,
 * in events per second (median of 5), beside plain JavaScript computing similar values.
 * node --import tsx bench/functions.ts [--quick]
 */
import { runFunctionBench } from './function-bench.js';

const APP = `
define stream S (symbol string, price double, volume long, ts long, doc string);
@info(name='q') from S
select str:upper(symbol) as u, str:length(symbol) as len, str:concat(symbol, '-', 'x') as c,
       str:replaceAll(symbol, 'I', 'i') as r, math:abs(price) as a, math:round(price) as rd,
       math:sqrt(volume) as sq, math:power(price, 2) as pw,
       time:dateFormat(ts, 'yyyy-MM-dd HH:mm') as day, json:getString(doc, '$.name') as name
insert into Out;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) {
  events.push([`IBM${i % 10}`, 75.6 + i, 100 + i, 1577836800000 + i * 60000, `{"name":"n${i % 7}","v":${i}}`]);
}

const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'UTC',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function baseline(n: number): void {
  let sink: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e = events[i % 1000]!;
    const symbol = e[0] as string;
    const price = e[1] as number;
    sink = [
      symbol.toUpperCase(),
      symbol.length,
      symbol + '-x',
      symbol.replace(/I/g, 'i'),
      Math.abs(price),
      Math.round(price),
      Math.sqrt(e[2] as number),
      Math.pow(price, 2),
      fmt.format(e[3] as number),
      (JSON.parse(e[4] as string) as { name: string }).name,
    ];
  }
  if (sink.length !== 10) throw new Error('loop');
}

runFunctionBench({
  label: 'functions (10 str/math/time/json calls per event)',
  app: APP,
  events,
  expectedOutputs: (n) => n + n / 10,
  baseline,
});
