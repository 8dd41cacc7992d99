/**
 * Compiles SiddhiQL expressions to JavaScript source with Siddhi's typing: int arithmetic wraps and
 * truncates like Java, float results are rounded to 32 bits, null in gives null out, comparisons
 * with null are false. The code reads attributes through a `Scope` and calls functions through
 * slots `f[i]`, so one generated function serves every event with no dispatch on the tree.
 */
import type { AttributeType, Expression, FunctionCall, Span } from '../../lang/ast.js';
import { isNumeric, promote } from '../types.js';
import type { Scope } from './scope.js';

export class CompileError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

/** What a call resolves to: a scalar function (a closure to call per event) or an aggregator. */
export type ResolvedCall =
  | { readonly kind: 'function'; readonly fn: (...args: unknown[]) => unknown; readonly returnType: AttributeType }
  | { readonly kind: 'aggregator'; readonly returnType: AttributeType; readonly create: () => unknown }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'error'; readonly message: string };

export interface CallResolver {
  resolveCall(call: FunctionCall, argTypes: readonly AttributeType[], constants: readonly unknown[]): ResolvedCall;
}

/** An aggregator the selector must feed: its factory and the code of its arguments. */
export interface AggregatorSlot {
  readonly index: number;
  readonly create: () => unknown;
  readonly argCodes: readonly string[];
  readonly call: FunctionCall;
}

export interface CompiledExpression {
  readonly code: string;
  readonly type: AttributeType;
  /** Set when the expression is a literal (or folds to one). */
  readonly constant?: { readonly value: unknown };
}

const SIMPLE =
  /^(?:[a-z]\[\d+\](?:\.data\[\d+\])?|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|null|true|false|"(?:[^"\\]|\\.)*"|[a-z]+)$/i;

/**
 * A code generation session for one generated function: it owns the function slots, the temporaries
 * and (for selectors) the aggregator slots.
 */
export class ExpressionCompiler {
  readonly functions: ((...args: unknown[]) => unknown)[] = [];
  readonly aggregators: AggregatorSlot[] = [];
  private temps = 0;

  constructor(
    private readonly resolver: CallResolver,
    private readonly allowAggregators = false,
  ) {}

  /** `let t0, t1;` for the generated function's prologue. */
  tempDeclarations(): string {
    if (this.temps === 0) return '';
    const names: string[] = [];
    for (let i = 0; i < this.temps; i++) names.push(`t${i}`);
    return `let ${names.join(', ')};`;
  }

  compile(expr: Expression, scope: Scope): CompiledExpression {
    switch (expr.kind) {
      case 'constant':
        return constantCode(expr.type, expr.value);
      case 'variable': {
        const r = scope.resolve(expr);
        if (typeof r === 'string') throw new CompileError(r, expr.span);
        return { code: r.code, type: r.type };
      }
      case 'not': {
        const o = this.compile(expr.operand, scope);
        this.expectBool(o, expr.operand.span, 'not');
        return { code: `(${o.code} !== true)`, type: 'bool' };
      }
      case 'negate': {
        const o = this.compile(expr.operand, scope);
        if (!isNumeric(o.type)) throw new CompileError(`'-' needs a number, not ${o.type}`, expr.span);
        const t = this.operand(o.code);
        return { code: `(${t.bind}${t.ref} == null ? null : -${t.ref})`, type: o.type };
      }
      case 'isNull': {
        const op = expr.operand;
        if (
          op.kind === 'variable' &&
          !op.streamId &&
          scope.resolveNullStream &&
          typeof scope.resolve(op) === 'string'
        ) {
          // `e2 is null` where e2 is an event reference, not an attribute.
          const code = scope.resolveNullStream({ kind: 'isNullStream', streamId: op.name, span: op.span });
          if (code !== undefined) return { code, type: 'bool' };
        }
        const o = this.compile(op, scope);
        return { code: `(${o.code} == null)`, type: 'bool' };
      }
      case 'isNullStream': {
        const code = scope.resolveNullStream?.(expr);
        if (code === undefined)
          throw new CompileError(`'${expr.streamId} is null' is only valid in patterns`, expr.span);
        return { code, type: 'bool' };
      }
      case 'in': {
        if (!scope.resolveIn) throw new CompileError(`'in ${expr.sourceId}' is not supported here`, expr.span);
        const o = this.compile(expr.operand, scope.inScope?.(expr.sourceId) ?? scope);
        const r = scope.resolveIn(
          expr.sourceId,
          o.code,
          o.type,
          (fn) => `f[${this.functions.push(fn) - 1}]`,
          expr.operand,
        );
        if (typeof r !== 'string') throw new CompileError(r.error, expr.span);
        return { code: r, type: 'bool' };
      }
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right, scope, expr.span);
      case 'call':
        return this.call(expr, scope);
    }
  }

  private call(expr: FunctionCall, scope: Scope): CompiledExpression {
    // `eventTimestamp(e1)` names an event, not a value: resolve it before compiling arguments.
    if (!expr.namespace && expr.name.toLowerCase() === 'eventtimestamp' && expr.args.length === 1) {
      const a0 = expr.args[0]!;
      const ref = a0.kind === 'variable' && !a0.streamId ? a0.name : undefined;
      const code = ref !== undefined ? scope.resolveTimestampOf?.(ref) : undefined;
      if (code !== undefined) return { code, type: 'long' };
    }
    const args: CompiledExpression[] = expr.star
      ? (scope.starAttributes?.() ?? []).map((r) => ({ code: r.code, type: r.type }))
      : expr.args.map((a) => this.compile(a, scope));
    const argTypes = args.map((a) => a.type);
    const constants = args.map((a) => a.constant?.value);
    const r = this.resolver.resolveCall(expr, argTypes, constants);
    switch (r.kind) {
      case 'error':
        throw new CompileError(r.message, expr.span);
      case 'timestamp': {
        if (expr.args.length === 0) return { code: scope.timestampCode, type: 'long' };
        const a0 = expr.args[0]!;
        const ref = a0.kind === 'variable' && !a0.streamId ? a0.name : undefined;
        const code = ref !== undefined ? scope.resolveTimestampOf?.(ref) : undefined;
        if (code === undefined) throw new CompileError(`eventTimestamp() takes an event reference such as e1`, a0.span);
        return { code, type: 'long' };
      }
      case 'aggregator': {
        if (!this.allowAggregators) {
          throw new CompileError(
            `aggregate function '${expr.name}' is only allowed in 'select' and 'having' clauses`,
            expr.span,
          );
        }
        const index = this.aggregators.length;
        this.aggregators.push({ index, create: r.create, argCodes: args.map((a) => a.code), call: expr });
        return { code: `a[${index}]`, type: r.returnType };
      }
      case 'function': {
        const slot = this.functions.length;
        this.functions.push(r.fn);
        return { code: `f[${slot}](${args.map((a) => a.code).join(', ')})`, type: r.returnType };
      }
    }
  }

  private binary(op: string, le: Expression, re: Expression, scope: Scope, span: Span): CompiledExpression {
    const l = this.compile(le, scope);
    const r = this.compile(re, scope);
    if (op === 'and' || op === 'or') {
      this.expectBool(l, le.span, op);
      this.expectBool(r, re.span, op);
      return { code: `(${l.code} === true ${op === 'and' ? '&&' : '||'} ${r.code} === true)`, type: 'bool' };
    }
    if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      return this.compare(op, l, r, span);
    }
    if (!isNumeric(l.type) || !isNumeric(r.type)) {
      throw new CompileError(
        `'${op}' needs numbers on both sides, found ${l.type} ${op} ${r.type}; use str:concat to join strings`,
        span,
      );
    }
    const type = promote(l.type, r.type);
    const a = this.operand(l.code, l.constant !== undefined && l.constant.value !== null);
    const b = this.operand(r.code, r.constant !== undefined && r.constant.value !== null);
    let body: string;
    const A = a.ref;
    const B = b.ref;
    switch (type) {
      case 'int':
        body =
          op === '+'
            ? `(${A} + ${B}) | 0`
            : op === '-'
              ? `(${A} - ${B}) | 0`
              : op === '*'
                ? `Math.imul(${A}, ${B})`
                : op === '/'
                  ? `(${B} === 0 ? null : (${A} / ${B}) | 0)`
                  : `(${B} === 0 ? null : ${A} % ${B})`;
        break;
      case 'long':
        body =
          op === '/'
            ? `(${B} === 0 ? null : Math.trunc(${A} / ${B}))`
            : op === '%'
              ? `(${B} === 0 ? null : ${A} % ${B})`
              : `${A} ${op} ${B}`;
        break;
      case 'float':
        body = `Math.fround(Math.fround(${A}) ${op} Math.fround(${B}))`;
        break;
      default:
        body = `${A} ${op} ${B}`;
    }
    const nullCheck = [a.nullable ? `${A} == null` : '', b.nullable ? `${B} == null` : ''].filter(Boolean).join(' || ');
    const code = nullCheck ? `(${a.bind}${b.bind}${nullCheck} ? null : ${body})` : `(${a.bind}${b.bind}${body})`;
    return { code, type };
  }

  private compare(op: string, l: CompiledExpression, r: CompiledExpression, span: Span): CompiledExpression {
    const numeric = isNumeric(l.type) && isNumeric(r.type);
    const comparable =
      numeric ||
      l.type === r.type ||
      l.type === 'object' ||
      r.type === 'object' ||
      (l.constant !== undefined && l.constant.value === null) ||
      (r.constant !== undefined && r.constant.value === null);
    if (!comparable) {
      throw new CompileError(
        `cannot compare ${l.type} ${op} ${r.type}: both sides must be numbers, or of one type`,
        span,
      );
    }
    if ((l.type === 'bool' || r.type === 'bool') && op !== '==' && op !== '!=') {
      throw new CompileError(`'${op}' cannot compare bool values; use == or !=`, span);
    }
    const a = this.operand(l.code, l.constant !== undefined && l.constant.value !== null);
    const b = this.operand(r.code, r.constant !== undefined && r.constant.value !== null);
    const jsOp = op === '==' ? '===' : op === '!=' ? '!==' : op;
    // A float compared with a double literal compares the 32-bit value widened, as Java does.
    let A = a.ref;
    let B = b.ref;
    if (l.type === 'float' && r.type === 'float') {
      A = `Math.fround(${A})`;
      B = `Math.fround(${B})`;
    }
    const checks = [a.nullable ? `${a.ref} != null` : '', b.nullable ? `${b.ref} != null` : ''].filter(Boolean);
    checks.push(`${A} ${jsOp} ${B}`);
    return { code: `(${a.bind}${b.bind}${checks.join(' && ')})`, type: 'bool' };
  }

  /** Binds a non-trivial operand to a temporary so it is evaluated once. */
  private operand(code: string, nonNull = false): { bind: string; ref: string; nullable: boolean } {
    if (SIMPLE.test(code)) return { bind: '', ref: code, nullable: !nonNull && code !== 'true' && code !== 'false' };
    const t = `t${this.temps++}`;
    return { bind: `${t} = ${code}, `, ref: t, nullable: !nonNull };
  }

  private expectBool(e: CompiledExpression, span: Span, op: string): void {
    if (e.type !== 'bool' && e.type !== 'object') {
      throw new CompileError(`'${op}' needs a bool condition, found ${e.type}`, span);
    }
  }
}

export function constantCode(type: string, value: unknown): CompiledExpression {
  if (value === null || type === 'null') return { code: 'null', type: 'object', constant: { value: null } };
  const t: AttributeType = type === 'null' ? 'object' : (type as AttributeType);
  if (typeof value === 'string') return { code: JSON.stringify(value), type: t, constant: { value } };
  if (typeof value === 'number') {
    const v = t === 'float' ? Math.fround(value) : value;
    const code = Number.isFinite(v) ? (v < 0 ? `(${String(v)})` : String(v)) : v > 0 ? 'Infinity' : '(-Infinity)';
    return { code, type: t, constant: { value: v } };
  }
  return { code: String(value), type: t, constant: { value } };
}

/** Instantiates generated source: `params` are the generated function's parameters, `body` its statements. */
const factories = new Map<string, (f: readonly unknown[]) => unknown>();

/**
 * Instantiates generated source: `params` are the generated function's parameters, `body` its
 * statements. Factories are cached by source, so every instance of the same code (a query in each
 * partition instance, the same query in many apps) shares one compiled function and its type
 * feedback; only the function slots `f` differ.
 */
export function instantiate<F>(params: readonly string[], body: string, functions: readonly unknown[]): F {
  const source = `"use strict"; return function generated(${params.join(', ')}) {\n${body}\n};`;
  let factory = factories.get(source);
  if (!factory) {
    factory = new Function('f', source) as (f: readonly unknown[]) => unknown;
    if (factories.size < 10_000) factories.set(source, factory);
  }
  return factory(functions) as F;
}
