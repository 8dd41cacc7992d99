/**
 * A projection calling the regex: and map: libraries per event (a regex:find filter, a regex:group, and a
 * map made, changed and read), in events per second (median of 5), beside plain JavaScript doing the same.
 * node --import tsx bench/functions-regex-map.ts [--quick]
 */
import { runFunctionBench } from './function-bench.js';

const APP = `
define stream S (symbol string, price double, note string);
@info(name='q') from S[regex:find('\\d', note)]
select regex:group('(\\w+)-(\\d+)', note, 2) as code,
       map:get(map:put(map:create('symbol', symbol), 'price', price), 'price') as price
insert into Out;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) events.push([`IBM${i % 10}`, 75.6 + i, `order-${i} shipped`]);

function baseline(n: number): void {
  let sink: unknown[] = [];
  const digit = /\d/;
  const group = /(\w+)-(\d+)/;
  for (let i = 0; i < n; i++) {
    const e = events[i % 1000]!;
    const note = e[2] as string;
    if (!digit.test(note)) continue;
    const map = new Map<unknown, unknown>([['symbol', e[0]]]);
    map.set('price', e[1]);
    sink = [group.exec(note)?.[2] ?? null, map.get('price')];
  }
  if (sink.length !== 2) throw new Error('loop');
}

runFunctionBench({
  label: 'functions regex:/map: (find filter, group, map create/put/get per event)',
  app: APP,
  events,
  // Every note has a digit: all events pass the filter, the warm-up ones included.
  expectedOutputs: (n) => n + n / 10,
  baseline,
});
