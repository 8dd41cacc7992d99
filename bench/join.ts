/**
 * node --import tsx bench/join.ts
 * A two-stream join over `length(100)` windows with an equality `on`
 * (`from L#window.length(100) join R#window.length(100) on L.k == R.k`, all events), over 1M events
 * (L and R alternating, keys random in 0..KEYS-1: with the default 50 each probe finds about 2
 * matches, so each event yields about 4 joined events; KEYS=1000 gives 0.2), median of 5 runs,
 * beside a hand-written loop computing the same current and expired matches over two ring buffers.
 * Each run first sends WARMUP events (N / 5) through the same runtime, untimed, as the standard scenarios
 * do: a new runtime's generated code is compiled on its first events. Only the matches of the timed N
 * events are counted, by both.
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';

const N = Number(process.env.N ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const LEN = 100;
const KEYS = Number(process.env.KEYS ?? 50);
const WARMUP = Math.round(N / 5);
const T0 = 1577836800000;

function keys(): Int32Array {
  let seed = 42;
  const k = new Int32Array(WARMUP + N);
  for (let i = 0; i < WARMUP + N; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    k[i] = (seed >>> 16) % KEYS;
  }
  return k;
}

interface Run {
  ms: number;
  current: number;
  expired: number;
}

function engineRun(k: Int32Array): Run {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream L (k int, v int);
define stream R (k int, w int);
@info(name='q') from L#window.length(${LEN}) join R#window.length(${LEN}) on L.k == R.k
select L.k as k, v, w insert all events into O;`,
  );
  let current = 0;
  let expired = 0;
  r.addQueryCallback('q', (_ts, inEvents, removeEvents) => {
    current += inEvents?.length ?? 0;
    expired += removeEvents?.length ?? 0;
  });
  r.start();
  const l = r.getInputHandler('L');
  const rr = r.getInputHandler('R');
  for (let i = 0; i < WARMUP; i += 2) {
    l.send([k[i]!, i]);
    rr.send([k[i + 1]!, i + 1]);
  }
  const [c0, e0] = [current, expired];
  const t = performance.now();
  for (let i = WARMUP; i < WARMUP + N; i += 2) {
    l.send([k[i]!, i]);
    rr.send([k[i + 1]!, i + 1]);
  }
  const ms = performance.now() - t;
  void r.shutdown();
  return { ms, current: current - c0, expired: expired - e0 };
}

/** A window of the last LEN keys, as a ring buffer. */
class Ring {
  readonly keys = new Int32Array(LEN);
  size = 0;
  next = 0;

  /** Adds a key; returns the key that left, or -1. */
  push(key: number): number {
    let out = -1;
    if (this.size === LEN) out = this.keys[this.next]!;
    else this.size++;
    this.keys[this.next] = key;
    this.next = (this.next + 1) % LEN;
    return out;
  }

  count(key: number): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) n++;
    return n;
  }
}

function loopRun(k: Int32Array): Run {
  const left = new Ring();
  const right = new Ring();
  let current = 0;
  let expired = 0;
  for (let i = 0; i < WARMUP; i++) {
    const [own, other] = i % 2 === 0 ? [left, right] : [right, left];
    const key = k[i]!;
    const gone = own.push(key);
    if (gone >= 0) expired += other.count(gone);
    current += other.count(key);
  }
  const [c0, e0] = [current, expired];
  const t = performance.now();
  for (let i = WARMUP; i < WARMUP + N; i++) {
    const [own, other] = i % 2 === 0 ? [left, right] : [right, left];
    const key = k[i]!;
    const gone = own.push(key);
    if (gone >= 0) expired += other.count(gone);
    current += other.count(key);
  }
  return { ms: performance.now() - t, current: current - c0, expired: expired - e0 };
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const k = keys();
const e: number[] = [];
const l: number[] = [];
let er: Run | undefined;
let lr: Run | undefined;
for (let i = 0; i < RUNS; i++) {
  er = engineRun(k);
  e.push(N / (er.ms / 1000));
  lr = loopRun(k);
  l.push(N / (lr.ms / 1000));
}
if (er!.current !== lr!.current || er!.expired !== lr!.expired) {
  throw new Error(`matches differ: engine ${er!.current}/${er!.expired}, loop ${lr!.current}/${lr!.expired}`);
}
const eng = median(e);
const loop = median(l);
console.log(
  `join length(${LEN}) x length(${LEN}) on L.k == R.k, ${KEYS} keys: ${Math.round(eng)} events/s (median of ${RUNS}; ${er!.current} current, ${er!.expired} expired joined events)`,
);
console.log(`hand-written loop (ring buffers, scan): ${Math.round(loop)} events/s`);
console.log(`ratio engine/loop: ${(eng / loop).toFixed(3)}`);
