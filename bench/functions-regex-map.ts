/**
 * A projection calling the regex: and map: libraries per event (a regex:find filter, a regex:group, and a
 * map made, changed and read), in events per second (median of 5), beside plain JavaScript doing the same.
 * node --import tsx bench/functions-regex-map.ts [--quick]
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { sendRate } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 100_000 : 1_000_000;
const APP = `
define stream S (symbol string, price double, note string);
@info(name='q') from S[regex:find('\\d', note)]
select regex:group('(\\w+)-(\\d+)', note, 2) as code,
       map:get(map:put(map:create('symbol', symbol), 'price', price), 'price') as price
insert into Out;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) events.push([`IBM${i % 10}`, 75.6 + i, `order-${i} shipped`]);

function engineRun(): number {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const r = m.createSiddhiAppRuntime(APP);
  let n = 0;
  r.addQueryCallback('q', (_t, i) => (n += i ? i.length : 0));
  r.start();
  const rate = sendRate(r.getInputHandler('S'), events, N);
  if (n !== N) throw new Error(`expected ${N} outputs, got ${n}`);
  void r.shutdown();
  return rate;
}

function loopRun(): number {
  let sink: unknown[] = [];
  const digit = /\d/;
  const group = /(\w+)-(\d+)/;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const e = events[i % 1000]!;
    const note = e[2] as string;
    if (!digit.test(note)) continue;
    const map = new Map<unknown, unknown>([['symbol', e[0]]]);
    map.set('price', e[1]);
    sink = [group.exec(note)?.[2] ?? null, map.get('price')];
  }
  const s = (performance.now() - t0) / 1000;
  if (sink.length !== 2) throw new Error('loop');
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
  `functions regex:/map: (find filter, group, map create/put/get per event): ${f(e)} events/s (median of 5, ${f(Math.min(...engine))}..${f(Math.max(...engine))}) | plain JS ${f(l)} events/s, ratio ${(e / l).toFixed(2)}`,
);
