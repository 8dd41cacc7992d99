/**
 * npm run bench -- --only pattern, or: node --import tsx bench/pattern.ts
 * `every e1=A -> e2=B[price > e1.price] within 1 sec` over 1M events (A and B alternating, random
 * prices, the virtual clock advancing 1 ms per pair), median of 5 runs, beside a hand-written loop
 * computing the same matches.
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';

const N = 1_000_000;
const RUNS = Number(process.env.RUNS ?? 5);
const WITHIN = 1000;
const T0 = 1577836800000;

function prices(): Float64Array {
  let seed = 42;
  const p = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    p[i] = (seed % 10000) / 100;
  }
  return p;
}

function engineRun(p: Float64Array): { ms: number; matches: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream A (sym string, price double);
define stream B (sym string, price double);
@info(name='q') from every e1=A -> e2=B[price > e1.price] within 1 sec
select e1.price as p1, e2.price as p2 insert into O;`,
  );
  let matches = 0;
  r.addQueryCallback('q', (_ts, inEvents) => {
    matches += inEvents?.length ?? 0;
  });
  r.start();
  const a = r.getInputHandler('A');
  const b = r.getInputHandler('B');
  const clock = r.manualClock!;
  const t = performance.now();
  for (let i = 0; i < N; i += 2) {
    a.send(['a', p[i]!]);
    b.send(['b', p[i + 1]!]);
    clock.advanceBy(1);
  }
  const ms = performance.now() - t;
  void r.shutdown();
  return { ms, matches };
}

/** The same matches by hand: pending A's in arrival order, expired from the front, matched in order. */
function loopRun(p: Float64Array): { ms: number; matches: number } {
  const t = performance.now();
  let matches = 0;
  let ts: number[] = [];
  let px: number[] = [];
  let now = T0;
  for (let i = 0; i < N; i += 2) {
    let k = 0;
    while (k < ts.length && now - ts[k]! > WITHIN) k++;
    if (k > 0) {
      ts = ts.slice(k);
      px = px.slice(k);
    }
    ts.push(now);
    px.push(p[i]!);
    const bp = p[i + 1]!;
    let w = 0;
    for (let r = 0; r < ts.length; r++) {
      if (now - ts[r]! <= WITHIN && bp > px[r]!) {
        matches++;
        continue;
      }
      ts[w] = ts[r]!;
      px[w++] = px[r]!;
    }
    ts.length = w;
    px.length = w;
    now += 1;
  }
  return { ms: performance.now() - t, matches };
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const p = prices();
const e: number[] = [];
const l: number[] = [];
let em = 0;
let lm = 0;
for (let i = 0; i < RUNS; i++) {
  const x = engineRun(p);
  e.push(N / (x.ms / 1000));
  em = x.matches;
  const y = loopRun(p);
  l.push(N / (y.ms / 1000));
  lm = y.matches;
}
const eng = median(e);
const loop = median(l);
console.log(`pattern every A -> B[price > e1.price] within 1 sec: ${Math.round(eng)} events/s (median of ${RUNS})`);
console.log(`hand-written loop: ${Math.round(loop)} events/s; matches engine ${em}, loop ${lm}`);
console.log(`ratio engine/loop: ${(eng / loop).toFixed(3)}`);
