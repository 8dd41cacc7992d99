/** Checks a selector: output names and types, group by, having, order by, limit and offset. */
import type { Expression, Selector } from '../ast.js';
import type { Attr, CheckContext } from './context.js';
import type { TableResolver } from './expressions.js';
import { typeOf } from './expressions.js';
import type { InputScope } from './input.js';
import { resolveVariable, type Scope } from './scope.js';

/** The attributes `select *` yields; in joins and patterns an attribute present in two inputs is an error. */
function selectAll(ctx: CheckContext, sel: Selector, input: InputScope): Attr[] {
  const out: Attr[] = [];
  const names = new Set<string>();
  for (const src of input.sources) {
    for (const a of src.attributes) {
      if (names.has(a.name)) {
        ctx.error(
          sel.span,
          `'select *' yields attribute '${a.name}' twice (more than one input has it); select and rename the attributes explicitly, e.g. '${src.qualifiers[0] ?? src.id}.${a.name} as ${src.qualifiers[0] ?? src.id}_${a.name}'`,
        );
        continue;
      }
      names.add(a.name);
      out.push(a);
    }
  }
  return out;
}

function checkLimit(
  ctx: CheckContext,
  e: Expression | undefined,
  what: 'limit' | 'offset',
  scope: Scope,
  table: TableResolver,
): void {
  if (!e) return;
  const t = typeOf(e, { ctx, scope, table });
  if (e.kind !== 'constant' || (t !== 'int' && t !== 'long')) {
    ctx.error(
      e.span,
      `'${what}' must be an int or long constant, but found ${e.kind === 'constant' ? t : 'an expression'}`,
    );
    return;
  }
  if (typeof e.value === 'number' && e.value < 0) {
    ctx.error(e.span, `'${what}' cannot be negative, but found ${e.value}; use 0 or more`);
  }
}

/** Checks the selector in the input's scope and returns its output schema. */
export function checkSelector(ctx: CheckContext, sel: Selector, input: InputScope, table: TableResolver): Attr[] {
  const scope: Scope = { mode: input.mode, sources: input.sources, aggregatorsAllowed: true };
  const env = { ctx, scope, table };
  let output: Attr[];
  if (sel.selectAll) {
    output = selectAll(ctx, sel, input);
  } else {
    output = [];
    const names = new Set<string>();
    for (const oa of sel.attributes) {
      const t = typeOf(oa.expression, env);
      const name = oa.rename ?? (oa.expression.kind === 'variable' ? oa.expression.name : undefined);
      if (name === undefined) {
        ctx.error(oa.span, `this select expression needs a name: add 'as name'`);
        continue;
      }
      if (names.has(name)) {
        ctx.error(oa.span, `'${name}' is already defined as an output attribute of this select; rename one with 'as'`);
        continue;
      }
      names.add(name);
      output.push({ name, type: t });
    }
  }
  for (const g of sel.groupBy) {
    ctx.setType(g, resolveVariable(g, { ...scope, aggregatorsAllowed: false }, ctx));
  }
  const outScope: Scope = { ...scope, output, outputOnly: input.mode === 'single' };
  if (sel.having) {
    const t = typeOf(sel.having, { ctx, scope: outScope, table });
    if (t !== undefined && t !== 'bool')
      ctx.error(sel.having.span, `the having condition must be bool, but found ${t}`);
  }
  for (const o of sel.orderBy) ctx.setType(o.variable, resolveVariable(o.variable, outScope, ctx));
  checkLimit(ctx, sel.limit, 'limit', scope, table);
  checkLimit(ctx, sel.offset, 'offset', scope, table);
  return output;
}
