/**
 * A projection calling the list: and unitconversion: libraries per event (a list made, added to and read, its
 * size, and two unit conversions), in events per second (median of 5), beside plain JavaScript doing the same.
 * node --import tsx bench/functions-list-units.ts [--quick]
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { sendRate } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 100_000 : 1_000_000;
const APP = `
define stream S (symbol string, kg double, cm int);
@info(name='q') from S
select list:get(list:add(list:create(symbol, kg), cm, 0), 2) as kg,
       list:size(list:create(symbol, kg, cm)) as n,
       unitconversion:kgTog(kg) as grams, unitconversion:cmToft(cm) as feet
insert into Out;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) events.push([`IBM${i % 10}`, 75.6 + i, i]);

function engineRun(): number {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const r = m.createSiddhiAppRuntime(APP);
  let n = 0;
  r.addQueryCallback('q', (_t, i) => (n += i ? i.length : 0));
  r.start();
  const rate = sendRate(r.getInputHandler('S'), events, N);
  // sendRate sends N / 10 untimed warm-up events first.
  if (n !== N + N / 10) throw new Error(`expected ${N + N / 10} outputs, got ${n}`);
  void r.shutdown();
  return rate;
}

function loopRun(): number {
  let sink: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const e = events[i % 1000]!;
    const list: unknown[] = [e[0], e[1]];
    list.splice(0, 0, e[2]);
    const sized = [e[0], e[1], e[2]];
    sink = [list[2] ?? null, sized.length, (e[1] as number) * 1000, (e[2] as number) * 0.01 * (1 / 0.3048)];
  }
  const s = (performance.now() - t0) / 1000;
  if (sink.length !== 4) throw new Error('loop');
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
  `functions list:/unitconversion: (list create/add/get/size, kgTog, cmToft per event): ${f(e)} events/s (median of 5, ${f(Math.min(...engine))}..${f(Math.max(...engine))}) | plain JS ${f(l)} events/s, ratio ${(e / l).toFixed(2)}`,
);
