/**
 * Compiles an `on` condition over rows into a test function, and finds the index lookup that can
 * answer it without a scan: `T.pk == expr` (every primary key attribute, `and`-ed) or
 * `T.indexed == expr`, where `expr` does not read the row. Other conjuncts still run as the test on
 * the rows the lookup returns.
 */
import type { Expression, Variable } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Attribute } from '../app/app-context.js';
import { ROW, rowScope, type RowScope } from './row-scope.js';
import type { ConditionContext } from './table.js';

export type RowTest = (r: unknown[], input: unknown, ts: number) => boolean;
export type KeyOf = (input: unknown, ts: number) => unknown;

export type RowLookup =
  | { readonly kind: 'primaryKey'; readonly key: KeyOf }
  | { readonly kind: 'index'; readonly attribute: number; readonly key: KeyOf };

export interface RowCondition {
  /** undefined: every row matches. */
  readonly test: RowTest | undefined;
  readonly lookup: RowLookup | undefined;
  readonly plan: string;
}

export interface KeyLayout {
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
}

/** The map key of a composite primary key; a single key is its value. */
export function compositeKey(values: readonly unknown[]): unknown {
  if (values.length === 1) return values[0];
  let k = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    k += (i === 0 ? '' : '\u0001') + (typeof v === 'string' ? 's' : 'v') + String(v);
  }
  return k;
}

export function params(cc: ConditionContext): readonly [string, string] {
  return cc.params ?? ['d', 'ts'];
}

export function compileRowCondition(
  attributes: readonly Attribute[],
  on: Expression | undefined,
  cc: ConditionContext,
  keys: KeyLayout,
): RowCondition {
  if (!on) return { test: undefined, lookup: undefined, plan: 'all' };
  const scope = rowScope(attributes, cc);
  const [p0, p1] = params(cc);
  const c = new ExpressionCompiler(cc.resolver);
  const r = c.compile(on, scope);
  if (r.type !== 'bool' && r.type !== 'object') {
    throw new CompileError(`an 'on' condition needs a bool value, found ${r.type}`, on.span);
  }
  const test = instantiate<RowTest>([ROW, p0, p1], `${c.tempDeclarations()}\nreturn ${r.code} === true;`, c.functions);

  const equalities = new Map<number, Expression>();
  for (const conj of conjuncts(on)) {
    if (conj.kind !== 'binary' || conj.op !== '==') continue;
    for (const [col, other] of [
      [conj.left, conj.right],
      [conj.right, conj.left],
    ] as const) {
      if (col.kind !== 'variable' || !scope.readsRow(col) || readsRow(other, scope)) continue;
      const i = attributes.findIndex((a) => a.name === col.name);
      if (i >= 0 && !equalities.has(i)) equalities.set(i, other);
    }
  }
  const keyOf = (exprs: readonly Expression[]): KeyOf => {
    const kc = new ExpressionCompiler(cc.resolver);
    const codes = exprs.map((e) => kc.compile(e, scope).code);
    const body = codes.length === 1 ? `return ${codes[0]};` : `return ck([${codes.join(', ')}]);`;
    const f = new Function(
      'f',
      'ck',
      `"use strict"; return function key(${p0}, ${p1}) {\n${kc.tempDeclarations()}\n${body}\n};`,
    );
    return f(kc.functions, compositeKey) as KeyOf;
  };
  if (keys.primaryKey.length > 0 && keys.primaryKey.every((i) => equalities.has(i))) {
    const key = keyOf(keys.primaryKey.map((i) => equalities.get(i)!));
    return { test, lookup: { kind: 'primaryKey', key }, plan: 'primaryKey' };
  }
  for (const i of keys.indexes) {
    const e = equalities.get(i);
    if (e)
      return { test, lookup: { kind: 'index', attribute: i, key: keyOf([e]) }, plan: `index:${attributes[i]!.name}` };
  }
  return { test, lookup: undefined, plan: 'scan' };
}

function conjuncts(e: Expression): Expression[] {
  if (e.kind === 'binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

function readsRow(e: Expression, scope: RowScope): boolean {
  switch (e.kind) {
    case 'variable':
      return scope.readsRow(e as Variable);
    case 'binary':
      return readsRow(e.left, scope) || readsRow(e.right, scope);
    case 'not':
    case 'negate':
    case 'isNull':
    case 'in':
      return readsRow(e.operand, scope);
    case 'call':
      return e.args.some((a) => readsRow(a, scope));
    default:
      return false;
  }
}
