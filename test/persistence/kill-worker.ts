/**
 * The child process of the kill-mid-stream test: runs an app with windows, a pattern, a partition, a
 * table and an aggregation over a fixed stream of events (event time drives the clock: playback),
 * persisting incrementally to a SQLite store every `every` events. Each output is appended to a file
 * as a JSON line tagged with the number of the event whose processing emitted it.
 *
 *   node --import tsx test/persistence/kill-worker.ts <db> <out-file> <fresh|resume> <every> <pace-ms>
 *
 * `resume` restores the store's last revision first, finds the last event it holds (the Progress
 * table) and replays the events after it.
 */
import Database from 'better-sqlite3';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { SqlitePersistenceStore } from '../../src/server/persistence/sqlite-persistence-store.js';

export const EVENTS = 6000;
const T0 = 1577836800000;
const SYMBOLS = ['IBM', 'WSO2', 'ORCL', 'MSFT', 'GOOG'];

export const APP = `@app:name('KillTest') @app:playback
define stream Trades (seq long, sym string, v int, ts long);
define table Last (sym string, v int, seq long);
define table Progress (k int, seq long);
define aggregation Totals from Trades select sym, sum(v) as total, count() as n group by sym aggregate by ts every sec ... min;
from Trades select 0 as k, seq update or insert into Progress on Progress.k == k;
from Trades select sym, v, seq update or insert into Last on Last.sym == sym;
@info(name = 'moving') from Trades#window.length(10) select sym, avg(v) as a, max(v) as mx insert into Moving;
@info(name = 'recent') from Trades#window.time(3 sec) select count() as n, sum(v) as s insert all events into Recent;
@info(name = 'spike') from every e1=Trades[v > 95] -> e2=Trades[sym == e1.sym and v < 5] within 5 sec
  select e1.seq as s1, e2.seq as s2, e1.sym as sym insert into Spikes;
partition with (sym of Trades) begin
  @info(name = 'perSym') from Trades#window.lengthBatch(4) select sym, sum(v) as s4 insert into PerSym;
end;`;

/** The i-th event (1-based), the same in every run. */
export function event(i: number): [number, string, number, number] {
  let x = (i * 2654435761) % 4294967296;
  x = (x ^ (x >>> 13)) >>> 0;
  return [i, SYMBOLS[x % SYMBOLS.length]!, (x >>> 3) % 100, T0 + i * 137];
}

async function main(): Promise<void> {
  const [dbFile, outFile, mode, everyArg, paceArg] = process.argv.slice(2) as [string, string, string, string, string];
  const every = Number(everyArg);
  const pace = Number(paceArg);
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  const manager = new SiddhiManager({
    persistenceStore: new SqlitePersistenceStore(db, 3),
    incrementalPersistence: { fullSnapshotEvery: 4 },
  });
  const rt = manager.createSiddhiAppRuntime(APP);
  let current = 0;
  const write = (line: unknown): void => appendFileSync(outFile, JSON.stringify(line) + '\n');
  for (const s of ['Moving', 'Recent', 'Spikes', 'PerSym']) {
    rt.addStreamCallback(s, (events) => {
      for (const e of events) write({ at: current, stream: s, data: e.data });
    });
  }
  let from = 1;
  if (mode === 'resume') {
    const revision = rt.restoreLastRevision();
    const seq = (rt.query('from Progress select seq')[0]?.[0] as number | undefined) ?? 0;
    write({ restored: revision, seq });
    from = seq + 1;
  }
  rt.start();
  const input = rt.getInputHandler('Trades');
  for (let i = from; i <= EVENTS; i++) {
    current = i;
    const e = event(i);
    input.send(e[3], e);
    if (i % every === 0) {
      write({ persisted: rt.persist(), seq: i });
      if (pace > 0) await sleep(pace); // paces the producer so the parent can kill it mid-stream
    }
  }
  write({
    done: true,
    last: rt.query('from Last select sym, v, seq order by sym'),
    totals: rt.query(
      'from Totals within 0L, 9999999999999L per "sec" select sym, total, n order by AGG_TIMESTAMP, sym',
    ),
  });
  await rt.shutdown();
  db.close();
}

if (process.argv[1]?.endsWith('kill-worker.ts')) await main();
