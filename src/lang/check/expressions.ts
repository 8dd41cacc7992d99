/** Types every expression node (Siddhi's ExpressionParser rules) and reports type errors. */
import type { Expression, FunctionCall } from '../ast.js';
import type { CheckContext, MaybeType } from './context.js';
import { checkExtensionArgs, qualifiedName, unknownExtensionMessage } from './extension-call.js';
import { compareError, isNumericType, resultType } from './result-type.js';
import { qualifierOf, resolveVariable, type Scope, type ScopeSource } from './scope.js';

/** Resolves the table of `expr in T`; supplied by the query checker, which knows the app's schemas. */
export type TableResolver = (id: string) => ScopeSource | undefined;

export interface ExpressionEnv {
  readonly ctx: CheckContext;
  readonly scope: Scope;
  readonly table: TableResolver;
}

function isNull(e: Expression): boolean {
  return e.kind === 'constant' && e.type === 'null';
}

function requireBool(env: ExpressionEnv, e: Expression, t: MaybeType, what: string): void {
  if (t !== undefined && t !== 'bool' && !isNull(e)) {
    env.ctx.error(
      e.span,
      `${what} must be bool, but found ${t}; compare it, e.g. '${what === 'operand of not' ? 'x == true' : 'x > 0'}'`,
    );
  }
}

/** Checks `e` and returns its type; records the type of every node in `ctx.types`. */
export function typeOf(e: Expression, env: ExpressionEnv): MaybeType {
  const { ctx } = env;
  switch (e.kind) {
    case 'constant':
      return ctx.setType(e, e.type === 'null' ? 'object' : e.type);
    case 'variable':
      return ctx.setType(e, resolveVariable(e, env.scope, ctx));
    case 'not': {
      const t = typeOf(e.operand, env);
      requireBool(env, e.operand, t, 'operand of not');
      return ctx.setType(e, 'bool');
    }
    case 'negate': {
      const t = typeOf(e.operand, env);
      if (t !== undefined && !isNumericType(t)) {
        ctx.error(e.span, `unary minus needs a number, but found ${t}`);
        return undefined;
      }
      return ctx.setType(e, t);
    }
    case 'isNull':
      typeOf(e.operand, env);
      return ctx.setType(e, 'bool');
    case 'isNullStream': {
      const key = qualifierOf(e);
      const all = env.scope.fallback ? [...env.scope.sources, env.scope.fallback] : env.scope.sources;
      if (!all.some((s) => s.qualifiers.includes(key))) {
        ctx.error(
          e.span,
          `unknown event reference '${key}' in '${key} is null': expected one of ${
            all
              .flatMap((s) => s.qualifiers)
              .map((q) => `'${q}'`)
              .join(', ') || '(none)'
          }`,
        );
      }
      return ctx.setType(e, 'bool');
    }
    case 'in': {
      const table = env.table(e.sourceId);
      if (!table) {
        typeOf(e.operand, env);
        return ctx.setType(e, 'bool');
      }
      const scope: Scope = { ...env.scope, fallback: table, current: undefined };
      const t = typeOf(e.operand, { ...env, scope });
      requireBool(env, e.operand, t, `the condition of 'in ${e.sourceId}'`);
      return ctx.setType(e, 'bool');
    }
    case 'binary':
      return ctx.setType(e, binaryType(e, env));
    case 'call':
      return ctx.setType(e, callType(e, env));
  }
}

function binaryType(e: Expression & { kind: 'binary' }, env: ExpressionEnv): MaybeType {
  const { ctx } = env;
  const l = typeOf(e.left, env);
  const r = typeOf(e.right, env);
  switch (e.op) {
    case 'and':
    case 'or':
      requireBool(env, e.left, l, `the left operand of '${e.op}'`);
      requireBool(env, e.right, r, `the right operand of '${e.op}'`);
      return 'bool';
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (l === undefined || r === undefined || isNull(e.left) || isNull(e.right)) return 'bool';
      const problem = compareError(e.op, l, r);
      if (problem)
        ctx.error(
          e.span,
          `cannot compare with '${e.op}': ${problem}; convert one side, e.g. with convert(x, 'double')`,
        );
      return 'bool';
    }
    default: {
      if (l === undefined || r === undefined) return undefined;
      if (isNull(e.left) || isNull(e.right)) return isNull(e.left) ? r : l;
      const t = resultType(e.op, l, r);
      if (t === undefined) {
        const hint = e.op === '+' && (l === 'string' || r === 'string') ? '; to join strings use str:concat(a, b)' : '';
        ctx.error(
          e.span,
          `arithmetic '${e.op}' needs numbers (int, long, float, double), but found ${l} and ${r}${hint}`,
        );
      }
      return t;
    }
  }
}

function callType(e: FunctionCall, env: ExpressionEnv): MaybeType {
  const { ctx } = env;
  let args: readonly Expression[] = e.args;
  let argTypes = e.args.map((a) => typeOf(a, env));
  if (e.star && e.args.length === 0 && !isCountLike(e)) {
    // `fn(*)` passes every input attribute (Siddhi's parseInnerExpression expands it).
    const attrs = env.scope.sources.flatMap((s) => s.attributes);
    args = attrs.map((a): Expression => ({ kind: 'variable', name: a.name, span: e.span }));
    argTypes = attrs.map((a) => a.type);
  }
  const label = `'${qualifiedName(e.namespace, e.name)}'`;
  if (!e.namespace) {
    const script = ctx.scriptFunctions.get(e.name);
    if (script !== undefined) return script;
  }
  const ns = e.namespace ?? '';
  const fn = ctx.catalog.lookup('function', ns, e.name);
  const spec = fn ?? ctx.catalog.lookup('aggregator', ns, e.name);
  if (!spec) {
    ctx.error(e.span, unknownExtensionMessage('function or aggregator', e.namespace, e.name));
    return undefined;
  }
  if (spec.kind === 'aggregator' && !env.scope.aggregatorsAllowed) {
    ctx.error(
      e.span,
      `aggregator ${label} is not allowed here: aggregators may appear only in select and having; filter on its result with having`,
    );
  }
  const kindText = spec.kind === 'aggregator' ? 'aggregator' : 'function';
  return checkExtensionArgs(ctx, spec, `${kindText} ${label}`, e.span, args, argTypes);
}

/** `count(*)` counts events: the star stands for no argument. */
function isCountLike(e: FunctionCall): boolean {
  return !e.namespace && e.name.toLowerCase() === 'count';
}

const PER_VALUES = ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'];

/** Checks the `per` of an aggregation read: a string; when constant, one of Siddhi's duration names. */
export function checkPer(per: Expression, env: ExpressionEnv): void {
  const t = typeOf(per, env);
  if (t !== undefined && t !== 'string') {
    env.ctx.error(per.span, `'per' must be a string such as 'hours', but found ${t}`);
    return;
  }
  if (
    per.kind === 'constant' &&
    typeof per.value === 'string' &&
    !PER_VALUES.includes(per.value.trim().toLowerCase())
  ) {
    env.ctx.error(
      per.span,
      `'per' must be one of ${PER_VALUES.map((v) => `'${v}'`).join(', ')}, but found '${per.value}'`,
    );
  }
}
