/**
 * A projection calling ten functions of the str:, math:, time: and json: libraries per event,
 * in events per second (median of 5), beside plain JavaScript computing similar values.
 * node --import tsx bench/functions.ts [--quick]
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { sendRate } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 100_000 : 1_000_000;
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

function engineRun(): number {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const r = m.createSiddhiAppRuntime(APP);
  let n = 0;
  r.addQueryCallback('q', (_t, i) => (n += i ? i.length : 0));
  r.start();
  const rate = sendRate(r.getInputHandler('S'), events, N);
  if (n !== N + N / 10) throw new Error(`expected ${N + N / 10} outputs, got ${n}`);
  void r.shutdown();
  return rate;
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
function loopRun(): number {
  let sink: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
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
  const s = (performance.now() - t0) / 1000;
  if (sink.length !== 10) throw new Error('loop');
  return N / s;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const engine: number[] = [];
const loop: number[] = [];
for (let r = 0; r < 5; r++) {
  engine.push(engineRun());
  loop.push(loopRun());
}
const e = median(engine);
const l = median(loop);
const f = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(
  `functions (10 str/math/time/json calls per event): ${f(e)} events/s (median of 5, ${f(Math.min(...engine))}..${f(Math.max(...engine))}) | plain JS ${f(l)} events/s, ratio ${(e / l).toFixed(2)}`,
);
