/** Checks where a query's output goes: insert into (defining streams), delete, update, update or insert. */
import type { DeleteOutput, OutputStream, UpdateOrInsertOutput, UpdateOutput } from '../ast.js';
import { schemaText, type Attr, type Schema } from './context.js';
import { schemaKey, sourceOf, tableResolver, type QueryEnv } from './env.js';
import { typeOf } from './expressions.js';
import { findAttr, type Scope, type ScopeSource } from './scope.js';

function sameSchema(existing: Schema, attrs: readonly Attr[]): boolean {
  if (existing.open) return true;
  if (existing.attributes.length !== attrs.length) return false;
  return existing.attributes.every((a, i) => {
    const b = attrs[i];
    if (!b) return false;
    return a.name === b.name && (a.type === undefined || b.type === undefined || a.type === b.type);
  });
}

/**
 * Checks the output of a query whose selector yields `attrs`; `inputQualifiers` name the query's inputs.
 * `open`: `attrs` may lack attributes an unknown extension appends (`select *` after it), already reported,
 * so the output is not compared with the target's schema, and a stream it defines is open too.
 */
export function checkOutput(
  env: QueryEnv,
  out: OutputStream,
  attrs: readonly Attr[],
  inputQualifiers: readonly string[],
  open = false,
): void {
  const { ctx } = env;
  if (out.kind === 'return') return;
  if (out.kind === 'insert') {
    const key = schemaKey(out.target, out.isInnerStream, out.isFaultStream);
    if (out.isInnerStream && !env.inner) {
      ctx.error(out.span, `inner stream '${key}' can only be used inside a partition; remove the '#'`);
      return;
    }
    const map = out.isInnerStream ? env.inner : ctx.schemas;
    const existing = map?.get(key);
    if (!existing) {
      map?.set(key, {
        id: key,
        kind: 'stream',
        attributes: attrs,
        ...(out.isInnerStream ? { inner: true } : {}),
        ...(open ? { open: true } : {}),
      });
      if (out.isInnerStream && !ctx.innerSchemas.has(key))
        ctx.innerSchemas.set(key, { id: key, kind: 'stream', attributes: attrs, inner: true });
      return;
    }
    if (existing.kind === 'aggregation' || existing.kind === 'trigger') {
      ctx.error(
        out.span,
        `cannot insert into ${existing.kind} '${key}': it is filled by its own definition; insert into a stream or table`,
      );
      return;
    }
    if (!open && !sameSchema(existing, attrs)) {
      ctx.error(
        out.span,
        `the query outputs ${schemaText(attrs)} but ${existing.kind} '${key}' is defined as ${schemaText(existing.attributes)}; ` +
          `select the same attributes (names, order and types) or insert into another ${existing.kind === 'table' ? 'table' : 'stream'}`,
      );
    }
    return;
  }
  checkTableOutput(env, out, attrs, inputQualifiers, open);
}

function checkTableOutput(
  env: QueryEnv,
  out: DeleteOutput | UpdateOutput | UpdateOrInsertOutput,
  attrs: readonly Attr[],
  inputQualifiers: readonly string[],
  open: boolean,
): void {
  const { ctx } = env;
  const verb = out.kind === 'delete' ? 'delete' : out.kind === 'update' ? 'update' : 'update or insert into';
  const table = ctx.schemas.get(out.target);
  if (!table) {
    ctx.error(
      out.span,
      `unknown table '${out.target}' in '${verb} ${out.target}': define it with 'define table ${out.target} (...)'`,
    );
    return;
  }
  if (table.kind !== 'table') {
    ctx.error(out.span, `'${verb}' can only be used with tables, but '${out.target}' is a ${table.kind}`);
    return;
  }
  const tableSource = sourceOf(table, [out.target], out.target);
  const event: ScopeSource = {
    id: 'the output event',
    qualifiers: inputQualifiers,
    attributes: attrs,
    kind: 'stream',
    open: false,
  };
  const scope: Scope = { mode: 'target', sources: [event], fallback: tableSource, aggregatorsAllowed: false };
  const exprEnv = { ctx, scope, table: tableResolver(env) };
  const t = typeOf(out.on, exprEnv);
  if (t !== undefined && t !== 'bool')
    ctx.error(out.on.span, `the 'on' condition of '${verb} ${out.target}' must be bool, but found ${t}`);
  if (out.kind === 'delete') return;
  for (const s of out.set) {
    const target = s.target;
    if (target.streamId !== undefined && target.streamId !== out.target) {
      ctx.error(target.span, `'set ${target.streamId}.${target.name}' must name an attribute of table '${out.target}'`);
    } else {
      const a = findAttr(table.attributes, target.name);
      if (!a) {
        ctx.error(
          target.span,
          `unknown attribute '${target.name}' of table '${out.target}' in set: expected one of ${table.attributes.map((x) => x.name).join(', ')}`,
        );
      } else if (a.type !== undefined) ctx.setType(target, a.type);
    }
    typeOf(s.value, exprEnv);
  }
  if (out.kind === 'updateOrInsert' || out.set.length === 0) {
    let unknown = false;
    for (const a of attrs) {
      const col = findAttr(table.attributes, a.name);
      if (!col || (col.type !== undefined && a.type !== undefined && col.type !== a.type)) {
        unknown = true;
        ctx.error(
          out.span,
          `output attribute '${a.name} ${a.type ?? '?'}' does not exist on table '${out.target}' ${schemaText(table.attributes)}; ` +
            `select only the table's attributes with their types`,
        );
      }
    }
    // The insert half of 'update or insert into' adds the output event as a row, so (as for 'insert into')
    // the output must have all of the table's attributes, in its order.
    if (out.kind === 'updateOrInsert' && !unknown && !open && !sameSchema(table, attrs)) {
      ctx.error(
        out.span,
        `'update or insert into ${out.target}' outputs ${schemaText(attrs)} but table '${out.target}' is defined as ` +
          `${schemaText(table.attributes)}; select all of the table's attributes in its order, since unmatched events are inserted as rows`,
      );
    }
  }
}
