/**
 * The output actions of queries that write to a table: `insert into T`, `delete T on ...`,
 * `update T set ... on ...`, `update or insert into T set ... on ...`. The `on` condition and the
 * `set` expressions see the query's output attributes (unqualified, or qualified by any stream the
 * query reads) and T's row (`T.a`).
 */
import type { OutputStream, Query, Variable } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import type { StreamEvent } from '../event/stream-event.js';
import type { OutputAction } from '../query/query-output.js';
import { withStoresIn } from './in-scope.js';
import type { ConditionContext, Table, TableInput } from './table.js';

/** The scope of a query's output event `d` (for table conditions and update sets). */
export function outputScope(output: readonly Attribute[], tableId: string, ctx: AppContext): Scope {
  const scope: Scope = {
    timestampCode: 'ts',
    resolve(v: Variable): ResolvedVariable | string {
      const i = output.findIndex((a) => a.name === v.name);
      if (i < 0 || v.streamId === tableId) {
        return `'${v.streamId ? v.streamId + '.' : ''}${v.name}' is not an output attribute of the query; it has ${output.map((a) => a.name).join(', ')}`;
      }
      return { code: `d[${i}]`, type: output[i]!.type };
    },
  };
  return withStoresIn(scope, ctx, ['d', 'ts']);
}

/** Maps an output event to a row of the table: by attribute name when the names match, else by position. */
export function rowMapper(output: readonly Attribute[], table: Table): (data: readonly unknown[]) => unknown[] {
  const positions = table.attributes.map((a) => output.findIndex((o) => o.name === a.name));
  if (positions.every((p, i) => p === i)) return (d) => d.slice(0, table.attributes.length);
  if (positions.some((p) => p < 0)) return (d) => d.slice(0, table.attributes.length);
  return (d) => positions.map((p) => d[p]);
}

/** Checks that an insert's output matches the table's attributes (names and types, in order). */
export function checkInsertSchema(output: readonly Attribute[], table: Table, span: Query['span']): void {
  const t = table.attributes;
  const same =
    t.length === output.length && t.every((a, i) => a.name === output[i]!.name && a.type === output[i]!.type);
  if (!same) {
    const show = (l: readonly Attribute[]): string => l.map((a) => `${a.name} ${a.type}`).join(', ');
    throw new CompileError(
      `cannot insert into table '${table.id}': the query outputs (${show(output)}) but the table has (${show(t)})`,
      span,
    );
  }
}

export function tableOutputAction(
  ctx: AppContext,
  table: Table,
  out: Exclude<OutputStream, { kind: 'return' }>,
  output: readonly Attribute[],
  span: Query['span'],
  /** Streaming inserts must match the table's attributes exactly; on-demand inserts map by name or position. */
  strictInsert = true,
): OutputAction {
  const inputs = (chunk: readonly StreamEvent[]): TableInput[] =>
    chunk.map((e) => ({ input: e.data, ts: e.timestamp }));
  if (out.kind === 'insert') {
    if (strictInsert) checkInsertSchema(output, table, span);
    const toRow = rowMapper(output, table);
    return (chunk) => table.insert(chunk.map((e) => toRow(e.data)));
  }
  const cc: ConditionContext = { names: [table.id], outer: outputScope(output, table.id, ctx), resolver: ctx.resolver };
  const cond = table.compileCondition(out.on, cc);
  if (out.kind === 'delete') return (chunk) => table.delete(cond, inputs(chunk));
  const set = table.compileUpdateSet(out.set.length > 0 ? out.set : undefined, cc);
  if (out.kind === 'update') return (chunk) => table.update(cond, set, inputs(chunk));
  const toRow = rowMapper(output, table);
  return (chunk) => table.updateOrInsert(cond, set, inputs(chunk), (e) => toRow(e.input as unknown[]));
}
