/**
 * `#rdbms:cud(datasource.name, query, parameter..., transaction.correlation.id)`: runs an INSERT, UPDATE or
 * DELETE on a named datasource for each event and sends the event on with `numRecords`, the number of rows
 * the statement changed (siddhi-store-rdbms `CUDStreamProcessor`). As in Siddhi:
 * - the app is refused unless the extension property `perform.CUD.operations` of `rdbms:cud` is true;
 * - the statements of one chunk of events run as one batch: with parameters, in one transaction committed
 *   at its end (rolled back when one fails); without, each on its own;
 * - with a `transaction.correlation.id`, the calls with that id share one connection, and a call with
 *   parameters leaves its transaction open until a call with the id runs `COMMIT` or `ROLLBACK` (the query
 *   text, in any case), after which the connection is closed and the next call opens another;
 * - a statement holding DROP or ALTER (anywhere, in any case) is refused when it would run, and a null
 *   parameter is refused unless `allow.null.params.with.CUD` is true: errors of the events, as SQL errors are.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { ChunkProcessorImpl } from '../../engine/registry/extension-impl.js';
import type { StreamEvent } from '../../engine/event/stream-event.js';
import { cudShape, problemOf } from './call-shape.js';
import { isData, valuesOf } from './call-values.js';
import { sessionsOf, type SqlValue } from './datasource-sessions.js';
import { messageOf, RdbmsCallError } from './rdbms-error.js';

const base = {
  kind: 'streamProcessor',
  namespace: 'rdbms',
  name: 'cud',
  description:
    'Runs an SQL INSERT, UPDATE or DELETE on a named datasource for each event and sends the event on with ' +
    '`numRecords`, the number of rows it changed. Off unless the extension property `perform.CUD.operations` ' +
    "of `rdbms:cud` is 'true' (SiddhiManager option `extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'true' } }`, " +
    'or the server configuration): an app calling it otherwise is refused. `allow.null.params.with.CUD` ' +
    "'true' lets null parameters through (refused by default). The statements of a chunk of events run as one " +
    'batch; with parameters, in one transaction committed at its end. A statement whose text holds DROP or ' +
    'ALTER anywhere (even inside a name) is refused. SQLite (`jdbc:sqlite:FILE`) runs during the send; PostgreSQL and MariaDB/MySQL later, in the ' +
    "order of the events. Errors go to the input stream's `@OnError` handling.",
  parameters: [
    {
      name: 'datasource.name',
      type: ['string'],
      constantOnly: true,
      description: 'The name of the datasource the statement runs on.',
    },
    {
      name: 'query',
      type: ['string'],
      constantOnly: true,
      description: "The INSERT, UPDATE or DELETE, in the database's SQL, with a `?` for each parameter.",
    },
    {
      name: 'parameter',
      type: ['string', 'bool', 'int', 'double', 'float', 'long'],
      optional: true,
      repeat: true,
      description:
        'The values of the `?`s, in order: attributes or constants, as many as the query has `?` characters ' +
        '(every `?` is counted, even one inside a quoted text).',
    },
    {
      name: 'transaction.correlation.id',
      type: ['string'],
      optional: true,
      constantOnly: true,
      description:
        'A name shared by calls that work in one transaction: they use one connection, and the changes of ' +
        "calls with parameters wait for a call with this id whose query is 'COMMIT' or 'ROLLBACK'. It is the " +
        'argument after the parameters (after the query when it has no `?`).',
    },
  ],
  signatures: [
    ['datasource.name', 'query'],
    ['datasource.name', 'query', 'transaction.correlation.id'],
    ['datasource.name', 'query', 'parameter'],
  ],
  appendedAttributes: [{ name: 'numRecords', type: 'int', description: 'The number of rows the statement changed.' }],
  examples: [
    {
      syntax:
        "from PriceChange#rdbms:cud('SHOP_DB', 'update Inventory set price = ? where item = ?', price, item)\n" +
        'select item, numRecords\ninsert into PriceUpdates;',
      description: "Sets the price of each event's item; numRecords says how many rows changed.",
    },
    {
      syntax:
        "from Arrivals#rdbms:cud('SHOP_DB', 'insert into Deliveries (item, quantity) values (?, ?)', item, quantity, 'load')\n" +
        'select item\ninsert into Staged;\n\n' +
        "from LoadDone#rdbms:cud('SHOP_DB', 'COMMIT', 'load')\nselect *\ninsert into Committed;\n\n" +
        "from LoadFailed#rdbms:cud('SHOP_DB', 'ROLLBACK', 'load')\nselect *\ninsert into RolledBack;",
      description:
        "The deliveries of Arrivals stay uncommitted on the connection of 'load' until a LoadDone event commits " +
        'them, or a LoadFailed event rolls them back.',
    },
  ],
} as const satisfies ExtensionSpec;

/** Java's `Boolean.parseBoolean`. */
function javaBoolean(v: string | undefined): boolean {
  return v !== undefined && v.toLowerCase() === 'true';
}

function property(props: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (props === undefined) return undefined;
  if (Object.hasOwn(props, key)) return props[key];
  const k = Object.keys(props).find((p) => p.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : props[k];
}

/** Siddhi's guard: a statement whose text holds DROP or ALTER anywhere is not run. */
function unauthorised(query: string): boolean {
  const upper = query.toUpperCase();
  return upper.includes('DROP') || upper.includes('ALTER');
}

function endsTransaction(query: string): boolean {
  const q = query.toLowerCase();
  return q === 'commit' || q === 'rollback';
}

export const rdbmsCud: ChunkProcessorImpl = {
  answersChunks: true,
  spec: { ...base, validate: (argTypes, constants) => problemOf(() => cudShape(argTypes, constants)) },
  create(ctx) {
    const app = ctx.app;
    const props =
      app.extensionProperties['rdbms:cud'] ??
      Object.entries(app.extensionProperties).find(([k]) => k.toLowerCase() === 'rdbms:cud')?.[1];
    if (!javaBoolean(property(props, 'perform.CUD.operations'))) {
      throw new Error(
        `rdbms:cud is disabled: it changes databases only when its extension property perform.CUD.operations is 'true' ` +
          `(SiddhiManager option extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'true' } }, ` +
          `or the extension properties of the server's configuration)`,
      );
    }
    const allowNulls = javaBoolean(property(props, 'allow.null.params.with.CUD'));
    const args = ctx.args;
    const shape = cudShape(
      args.map((a) => a.type),
      args.map((a) => a.constant),
    );
    const { session, mask, finishTransaction } = sessionsOf(app).use(shape.datasource, shape.correlationId);
    const sql = shape.query;
    const parameterised = shape.parameters.length > 0;
    const correlated = shape.correlationId !== undefined;
    // The call commits its own transaction unless it shares a correlated one.
    const commits = !correlated;
    const ends = correlated && endsTransaction(sql);
    if (correlated) {
      app.logger.info(
        `rdbms:cud with transaction.correlation.id '${shape.correlationId}' does not commit by itself: ` +
          `a call with this id must run COMMIT or ROLLBACK`,
        { datasource: shape.datasource },
      );
    } else if (endsTransaction(sql)) {
      app.logger.warn(
        `rdbms:cud runs ${sql} without a transaction.correlation.id: each call commits by itself, so this ends no transaction of another call`,
        { datasource: shape.datasource },
      );
    }
    const failure = (e: unknown): RdbmsCallError =>
      e instanceof RdbmsCallError
        ? e
        : new RdbmsCallError(
            mask(`rdbms:cud could not change datasource '${shape.datasource}': ${messageOf(e)}`),
            undefined,
            { cause: e },
          );
    /** The checks Siddhi makes before it runs a batch, and each event's values. */
    const prepare = (events: readonly StreamEvent[]): SqlValue[][] => {
      if (unauthorised(sql)) {
        throw new RdbmsCallError(
          `rdbms:cud does not run '${sql}': statements holding DROP or ALTER are refused; the events are dropped`,
        );
      }
      return events.map((e) => {
        const values = valuesOf(args, shape.parameters, e);
        if (!allowNulls && values.some((v) => v.value === null || v.value === undefined)) {
          throw new RdbmsCallError(
            `rdbms:cud does not take null parameters (the extension property allow.null.params.with.CUD 'true' allows them)`,
            'io.siddhi.query.api.exception.SiddhiAppValidationException',
          );
        }
        return values;
      });
    };
    /** The input chunk with numRecords appended to its data events. */
    const answer = (chunk: readonly StreamEvent[], counts: readonly number[]): StreamEvent[] => {
      let k = 0;
      return chunk.map((e) =>
        isData(e) ? { timestamp: e.timestamp, data: [...e.data, counts[k++]], type: e.type } : e,
      );
    };

    if (session.sync) {
      return {
        process(chunk) {
          const events = chunk.filter(isData);
          if (events.length === 0) return [...chunk];
          const batch = prepare(events);
          // JDBC's autocommit goes off for a batch with parameters.
          const began = parameterised && !session.inTransaction;
          try {
            if (began) session.begin();
            const counts = batch.map((values) => session.run(sql, values));
            if (began && commits) session.commit();
            return answer(chunk, counts);
          } catch (e) {
            if (began && commits) session.rollback();
            throw failure(e);
          } finally {
            if (ends) void finishTransaction();
          }
        },
      };
    }

    return {
      process(chunk) {
        const events = chunk.filter(isData);
        if (events.length === 0) return [...chunk];
        const batch = prepare(events);
        const answered = session.exclusive(async (c) => {
          const began = parameterised && !session.inTransaction;
          try {
            if (began) {
              await c.run('BEGIN', []);
              session.inTransaction = true;
            }
            // One statement at a time: the first error fails the batch.
            const counts: number[] = [];
            for (const values of batch) counts.push(await c.run(sql, values));
            if (began && commits) {
              await c.run('COMMIT', []);
              session.inTransaction = false;
            }
            return answer(chunk, counts);
          } catch (e) {
            if (began && commits) {
              await c.run('ROLLBACK', []).catch(() => undefined);
              session.inTransaction = false;
            }
            throw failure(e);
          } finally {
            if (ends) await finishTransaction();
          }
        });
        // A connection that cannot open fails the chunk as an SQL error does.
        return answered.catch((e: unknown) => {
          throw failure(e);
        });
      },
    };
  },
};
