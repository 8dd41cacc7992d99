/**
 * The scenario every store runs against its real database: insert, update, update or insert,
 * delete, `in`, a join probe, on-demand queries, then a restart on the same database.
 */
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';
import '../../src/stores/install.js';

export const T0 = 1577836800000;

export function suffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

export function storeApp(store: string, extra = ''): string {
  return `
define stream Ins (symbol string, price float, volume long);
define stream Upd (symbol string, price float);
define stream Ups (symbol string, price float, volume long);
define stream Del (symbol string);
define stream Chk (symbol string);
define stream Probe (symbol string);
${store}
${extra}
@PrimaryKey('symbol')
@Index('volume')
define table T (symbol string, price float, volume long);
@info(name = 'ins') from Ins insert into T;
@info(name = 'upd') from Upd update T set T.price = price on T.symbol == symbol;
@info(name = 'ups') from Ups update or insert into T set T.price = price, T.volume = volume on T.symbol == symbol;
@info(name = 'del') from Del delete T on T.symbol == symbol;
@info(name = 'in') from Chk[(T.symbol == symbol) in T] select symbol insert into InOut;
@info(name = 'join') from Probe join T on Probe.symbol == T.symbol select Probe.symbol, T.price, T.volume insert into JoinOut;
`;
}

export async function startApp(app: string, lines: LogLine[] = []): Promise<SiddhiAppRuntime> {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger(lines) }).createSiddhiAppRuntime(
    app,
  );
  await r.startAsync();
  return r;
}

/** Sends the rows as one chunk of events. */
export function sendAll(r: SiddhiAppRuntime, stream: string, rows: readonly unknown[][]): void {
  r.getInputHandler(stream).send(rows.map((data) => ({ data })));
}

function collect(r: SiddhiAppRuntime, query: string): unknown[][] {
  const got: unknown[][] = [];
  r.addQueryCallback(query, (_ts, inEvents: Event[] | null) => {
    for (const e of inEvents ?? []) got.push(e.data);
  });
  return got;
}

const ALL = 'from T select symbol, price, volume order by symbol';

export const EXPECTED_ROWS = [
  ['IBM', 11, 100],
  ['MSFT', 40, 400],
  ['WSO2', 21, 201],
];

/** Runs the scenario; `restart` re-creates the app on the same database and checks the rows. */
export async function runScenario(app: string): Promise<void> {
  const lines: LogLine[] = [];
  const r = await startApp(app, lines);
  const inOut = collect(r, 'in');
  const joinOut = collect(r, 'join');
  try {
    sendAll(r, 'Ins', [
      ['IBM', 10.5, 100],
      ['WSO2', 20, 200],
      ['ORCL', 30, 300],
    ]);
    r.getInputHandler('Ins').send(['IBM', 99, 999]);
    assert.ok(
      lines.some((l) => l.level === 'error' && /primary key/.test(l.msg)),
      'a duplicate primary key is logged',
    );
    assert.deepEqual(r.query(ALL), [
      ['IBM', 10.5, 100],
      ['ORCL', 30, 300],
      ['WSO2', 20, 200],
    ]);
    r.getInputHandler('Upd').send(['IBM', 11]);
    sendAll(r, 'Ups', [
      ['WSO2', 21, 201],
      ['MSFT', 40, 400],
    ]);
    r.getInputHandler('Del').send(['ORCL']);
    assert.deepEqual(r.query(ALL), EXPECTED_ROWS);
    assert.deepEqual(r.query('from T on price > 20 select symbol order by symbol'), [['MSFT'], ['WSO2']]);
    assert.deepEqual(r.query(`from T on symbol == 'IBM' select volume`), [[100]]);
    assert.deepEqual(r.query('from T on volume == 201 select symbol'), [['WSO2']]);
    sendAll(r, 'Chk', [['IBM'], ['ORCL'], ['MSFT']]);
    assert.deepEqual(inOut, [['IBM'], ['MSFT']]);
    r.getInputHandler('Probe').send(['MSFT']);
    assert.deepEqual(joinOut, [['MSFT', 40, 400]]);
    // On-demand writes go through the store too.
    r.query(`select 'TSLA' as symbol, 5.5f as price, 55L as volume insert into T`);
    r.query(`delete T on T.symbol == 'TSLA'`);
  } finally {
    await r.shutdown();
  }
  const again = await startApp(app);
  try {
    assert.deepEqual(again.query(ALL), EXPECTED_ROWS, 'the rows survive a restart');
  } finally {
    await again.shutdown();
  }
}
