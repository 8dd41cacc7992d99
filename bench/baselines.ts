/**
 * Hand-written JavaScript loops computing what a scenario's query computes, on the same events:
 * the yardstick for "at least half the hand-written loop's speed".
 */
import { eventAt, eventPool, type Scenario } from './scenarios.js';

type Loop = (events: unknown[][], n: number, offset: number) => number;

const loops: Record<string, Loop> = {
  'filter-projection': (ev, n, off) => {
    let out = 0;
    const sink: unknown[][] = [];
    for (let i = off; i < off + n; i++) {
      const e = ev[i % ev.length]!;
      const price = e[1] as number;
      if (price > 10) {
        sink[0] = [e[0], Math.fround(Math.fround(price) * 2), e[2]];
        out++;
      }
    }
    return out;
  },
  'length-avg-groupby': (ev, n, off) => {
    const size = 1000;
    const ring: unknown[][] = new Array(size);
    const groups = new Map<string, { sum: number; count: number }>();
    let out = 0;
    let sink: unknown[] = [];
    for (let i = off; i < off + n; i++) {
      const e = ev[i % ev.length]!;
      const slot = i % size;
      const old = ring[slot];
      if (old !== undefined) {
        const g = groups.get(old[0] as string)!;
        g.sum -= Math.fround(old[1] as number);
        g.count--;
      }
      ring[slot] = e;
      const k = e[0] as string;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { sum: 0, count: 0 }));
      g.sum += Math.fround(e[1] as number);
      g.count++;
      sink = [k, g.sum / g.count];
      out++;
    }
    return out + (sink.length > 0 ? 0 : 1);
  },
  'time-sum': (ev, n, off) => {
    const ts: number[] = [];
    const vals: number[] = [];
    let head = 0;
    let sum = 0;
    let out = 0;
    let last = 0;
    for (let i = off; i < off + n; i++) {
      const now = Date.now();
      while (head < ts.length && ts[head]! + 1000 <= now) {
        sum -= vals[head]!;
        head++;
      }
      const v = Math.fround(ev[i % ev.length]![1] as number);
      ts.push(now);
      vals.push(v);
      sum += v;
      last = sum;
      out++;
      if (head > 100000) {
        ts.splice(0, head);
        vals.splice(0, head);
        head = 0;
      }
    }
    return out + (last > 0 ? 0 : 1);
  },
  'lengthbatch-sum': (ev, n, off) => {
    let sum = 0;
    let count = 0;
    let out = 0;
    let last: unknown[] = [];
    for (let i = off; i < off + n; i++) {
      const e = ev[i % ev.length]!;
      sum += Math.fround(e[1] as number);
      if (++count === 1000) {
        last = [e[0], sum];
        out++;
        sum = 0;
        count = 0;
      }
    }
    return out + (last.length > 0 ? 0 : 1);
  },
};

export function hasBaseline(name: string): boolean {
  return name in loops;
}

/** events/s of the hand-written loop over the scenario's events. */
export function runBaselineOnce(s: Scenario, scale = 1): number {
  const loop = loops[s.name]!;
  const pool = eventPool(s);
  const ev = pool.length > 0 ? pool : [eventAt(s, 0)];
  const warmup = Math.round(s.warmup * scale);
  const n = Math.round(s.events * scale);
  loop(ev, warmup, 0);
  const t0 = process.hrtime.bigint();
  loop(ev, n, warmup);
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}
