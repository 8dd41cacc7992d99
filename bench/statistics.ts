/**
 * The cost of query statistics: the same filter + length-window app run with statistics OFF, BASIC
 * (events in and out per query) and DETAIL (also a latency histogram per query), in events per second
 * (median of 5, interleaved so machine noise hits every level alike), with the overhead against OFF.
 * node --import tsx bench/statistics.ts [--quick]
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { sendRate } from './scenarios.js';
import type { StatisticsLevel } from '../src/engine/runtime/statistics.js';

const quick = process.argv.includes('--quick');
const N = quick ? 200_000 : 2_000_000;
const RUNS = 5;
const APP = `
define stream S (symbol string, price double, volume long);
@info(name='filter') from S[price > 10] select symbol, price insert into Big;
@info(name='avg') from Big#window.length(100) select symbol, avg(price) as ap group by symbol insert into Avg;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) events.push([`S${i % 10}`, (i % 50) + 0.5, i]);

function run(level: StatisticsLevel): number {
  const r = new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  let n = 0;
  r.addQueryCallback('avg', (_t, ins) => (n += ins?.length ?? 0));
  r.setStatisticsLevel(level);
  r.start();
  const rate = sendRate(r.getInputHandler('S'), events, N);
  if (n === 0) throw new Error('no output');
  if (level !== 'OFF' && r.statistics.queries.get('filter')!.eventsIn !== N + N / 10) {
    throw new Error('statistics did not count every event');
  }
  void r.shutdown();
  return rate;
}

const levels: StatisticsLevel[] = ['OFF', 'BASIC', 'DETAIL'];
const rates = new Map<StatisticsLevel, number[]>(levels.map((l) => [l, []]));
for (let i = 0; i < RUNS; i++) for (const l of levels) rates.get(l)!.push(run(l));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const off = median(rates.get('OFF')!);
for (const l of levels) {
  const m = median(rates.get(l)!);
  const overhead = l === 'OFF' ? '' : `, ${(((off - m) / off) * 100).toFixed(1)}% slower than OFF`;
  console.log(`statistics ${l}: ${Math.round(m).toLocaleString('en-US')} events/s (median of ${RUNS})${overhead}`);
}
