/**
 * `#rdbms:query(datasource.name, attribute.definition.list, query, parameter..., ack.empty.result.set)`: runs a
 * SELECT on a named datasource for each event and sends on one event per row, the event's attributes followed
 * by the row's columns read as the definition list says (siddhi-store-rdbms `QueryStreamProcessor`). An event
 * whose query returns no row is dropped, or sent on once with nulls when `ack.empty.result.set` is true.
 * SQLite answers during the send; PostgreSQL and MariaDB/MySQL answer later, in the order of the events.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { ChunkProcessorImpl } from '../../engine/registry/extension-impl.js';
import type { StreamEvent } from '../../engine/event/stream-event.js';
import { parseDefinitionList, problemOf, queryShape, type DefinedAttribute } from './call-shape.js';
import { readRow, type ReadType } from './column-values.js';
import { isData, valuesOf } from './call-values.js';
import { sessionsOf } from './datasource-sessions.js';
import { messageOf, RdbmsCallError } from './rdbms-error.js';

const PARAMETER_TYPES = ['string', 'bool', 'int', 'double', 'float', 'long'] as const;

const base = {
  kind: 'streamProcessor',
  namespace: 'rdbms',
  name: 'query',
  description:
    'Runs an SQL SELECT on a named datasource for each event and sends the event on once per row of the result, ' +
    'with the columns appended as the attributes `attribute.definition.list` names. An event whose SELECT returns ' +
    'no row is dropped, unless `ack.empty.result.set` is true. The datasource is one given to the SiddhiManager ' +
    '(option `datasources`) or configured for the server: `jdbc:sqlite:FILE` is read during the send; ' +
    '`jdbc:postgresql://...`, `jdbc:mysql://...` and `jdbc:mariadb://...` answer later, in the order of the ' +
    'events (`await runtime.flush()` waits for them). An SQL error is an error of the input events: they go to ' +
    "the input stream's `@OnError` handling.",
  parameters: [
    {
      name: 'datasource.name',
      type: ['string'],
      constantOnly: true,
      description: 'The name of the datasource the SELECT runs on.',
    },
    {
      name: 'attribute.definition.list',
      type: ['string'],
      constantOnly: true,
      description:
        "The attributes added to each output event, as '<name> <type>, ...' with one space between name and type; " +
        'the types are string, int, long, double, float and bool, in any case. The first attribute is read from ' +
        'the first column of the result, the second from the second, and so on; further columns are not read. ' +
        'An SQL NULL reads as null into a string, as 0 into a number and as false into a bool.',
    },
    {
      name: 'query',
      type: ['string'],
      description:
        "The SELECT, in the database's SQL, with a `?` for each parameter. It may be an attribute (a different " +
        'SELECT per event) when no parameter follows it.',
    },
    {
      name: 'parameter',
      type: PARAMETER_TYPES,
      optional: true,
      repeat: true,
      description:
        'The values of the `?`s, in order: attributes or constants. There must be as many as the query has `?` ' +
        'characters (every `?` is counted, even one inside a quoted text).',
    },
    {
      name: 'ack.empty.result.set',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        'true: an event whose SELECT returns no row is sent on once, with null in the added attributes. It is ' +
        'read as this option when the last argument is a constant bool (after the parameters, if any).',
    },
  ],
  signatures: [
    ['datasource.name', 'attribute.definition.list', 'query'],
    ['datasource.name', 'attribute.definition.list', 'query', 'ack.empty.result.set'],
    ['datasource.name', 'attribute.definition.list', 'query', 'parameter'],
  ],
  examples: [
    {
      syntax:
        "from RefreshStream#rdbms:query('SHOP_DB', 'item string, stock int', 'select item, stock from Inventory')\n" +
        'select item, stock\ninsert into StockLevels;',
      description: 'Each RefreshStream event sends one StockLevels event per row of Inventory.',
    },
    {
      syntax:
        "from OrderStream#rdbms:query('SHOP_DB', 'stock int', 'select stock from Inventory where item = ?', item)\n" +
        'select orderId, item, stock\ninsert into CheckedOrders;',
      description:
        "Looks up the stock of each order's item; an order of an item Inventory does not hold sends nothing.",
    },
    {
      syntax:
        "from OrderStream#rdbms:query('SHOP_DB', 'stock int', 'select stock from Inventory where item = ?', item, true)\n" +
        'select orderId, item, stock\ninsert into CheckedOrders;',
      description: 'As above, but an order of an unknown item goes on too, with stock null.',
    },
    {
      syntax:
        "from ReportRequest#rdbms:query('SHOP_DB', 'item string, stock long', sql)\n" +
        'select item, stock\ninsert into ReportRows;',
      description: "Runs the SELECT each ReportRequest event carries in its attribute 'sql'.",
    },
  ],
} as const satisfies ExtensionSpec;

export const rdbmsQuery: ChunkProcessorImpl = {
  answersChunks: true,
  spec: {
    ...base,
    validate: (argTypes, constants) => problemOf(() => queryShape(argTypes, constants)),
    // What the definition list names, even when another argument is wrong (validate reports that).
    appendedAttributesOf: (_argTypes, constants) => {
      const list = typeof constants[1] === 'string' ? parseDefinitionList(constants[1]) : [];
      return typeof list === 'string' ? [] : list;
    },
  },
  create(ctx) {
    const args = ctx.args;
    const shape = queryShape(
      args.map((a) => a.type),
      args.map((a) => a.constant),
    );
    const { session, mask } = sessionsOf(ctx.app).use(shape.datasource);
    const types: readonly ReadType[] = shape.attributes.map((a: DefinedAttribute) => a.type);
    const nulls: readonly unknown[] = types.map(() => null);
    const queryArg = args[2]!;
    const constantSql = queryArg.isConstant ? String(queryArg.constant) : undefined;
    const failure = (e: unknown): RdbmsCallError =>
      e instanceof RdbmsCallError
        ? e
        : new RdbmsCallError(
            mask(`rdbms:query could not read from datasource '${shape.datasource}': ${messageOf(e)}`),
            undefined,
            { cause: e },
          );
    const sqlOf = (e: StreamEvent): string => {
      if (constantSql !== undefined) return constantSql;
      const q = queryArg.evaluate(e);
      if (q === null || q === undefined) throw failure(new Error('the query attribute is null'));
      return String(q);
    };
    /** The events an input event gives, from the rows its query returned. */
    const answer = (out: StreamEvent[], e: StreamEvent, rows: readonly unknown[][]): void => {
      for (const row of rows)
        out.push({ timestamp: e.timestamp, data: [...e.data, ...readRow(row, types)], type: e.type });
      if (rows.length === 0 && shape.ackEmptyResultSet) {
        out.push({ timestamp: e.timestamp, data: [...e.data, ...nulls], type: e.type });
      }
    };

    if (session.sync) {
      return {
        process(chunk) {
          const out: StreamEvent[] = [];
          for (const e of chunk) {
            if (!isData(e)) {
              out.push(e);
              continue;
            }
            const sql = sqlOf(e);
            const values = valuesOf(args, shape.parameters, e);
            try {
              answer(out, e, session.query(sql, values));
            } catch (err) {
              throw failure(err);
            }
          }
          return out;
        },
      };
    }

    return {
      process(chunk) {
        // The SQL and its values are read from the events now; the database answers later.
        const jobs = chunk.map((e) =>
          isData(e) ? { e, sql: sqlOf(e), values: valuesOf(args, shape.parameters, e) } : { e },
        );
        const answered = session.exclusive(async (c) => {
          const out: StreamEvent[] = [];
          // One statement at a time, as JDBC runs them: the first error fails the chunk.
          for (const job of jobs) {
            if (job.sql === undefined) {
              out.push(job.e);
              continue;
            }
            try {
              answer(out, job.e, await c.query(job.sql, job.values));
            } catch (err) {
              throw failure(err);
            }
          }
          return out;
        });
        // A connection that cannot open fails the chunk as an SQL error does.
        return answered.catch((e: unknown) => {
          throw failure(e);
        });
      },
    };
  },
};
