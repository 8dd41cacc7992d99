/**
 * Generates the code of a query's selector: the projection, the aggregator feed, the group key,
 * `having` and `order by`, as specialised functions over the event data.
 */
import type { AttributeType, Selector, Variable } from '../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate, type CallResolver } from './expression/compile.js';
import type { ResolvedVariable, Scope } from './expression/scope.js';

export interface OutputAttributeInfo {
  readonly name: string;
  readonly type: AttributeType;
}

/** The aggregator state the generated feed calls; structurally the engine's `AggregatorState`. */
export interface FeedTarget {
  add(...args: unknown[]): unknown;
  remove(...args: unknown[]): unknown;
}

export interface CompiledSelector {
  readonly output: readonly OutputAttributeInfo[];
  /**
   * How many values `project` appends after the output attributes: input attributes that only
   * `order by` names (Siddhi orders by input attributes too). Consumers drop them after sorting.
   */
  readonly hidden: number;
  readonly project: (d: unknown[], ts: number, a: unknown[]) => unknown[];
  readonly aggregatorFactories: readonly (() => unknown)[];
  readonly feed: ((d: unknown[], ts: number, s: FeedTarget[], a: unknown[], add: boolean) => void) | undefined;
  /**
   * `feed` without writing the values: for batches, where only the values after the last event matter
   * (read from the states then), so no value per event is stored (a number stored in `a` is boxed).
   */
  readonly accumulate: ((d: unknown[], ts: number, s: FeedTarget[], add: boolean) => void) | undefined;
  readonly groupKey: ((d: unknown[], ts: number) => string) | undefined;
  readonly having: ((o: unknown[], d: unknown[], ts: number, a: unknown[]) => boolean) | undefined;
  readonly compare: ((a: unknown[], b: unknown[]) => number) | undefined;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}

export interface SelectorInput {
  /** What `select *` expands to, in order, with the code reading each. */
  readonly all: readonly (OutputAttributeInfo & { readonly code: string })[];
  /** The scope of the input attributes (`d`, or join/pattern slots). */
  readonly scope: Scope;
  /** The generated functions' parameter that holds the input (default `d`). */
  readonly param?: string;
}

export function compileSelector(selector: Selector, input: SelectorInput, resolver: CallResolver): CompiledSelector {
  const c = new ExpressionCompiler(resolver, true);
  const p = input.param ?? 'd';
  const output: OutputAttributeInfo[] = [];
  const codes: string[] = [];
  if (selector.selectAll) {
    for (const a of input.all) {
      output.push({ name: a.name, type: a.type });
      codes.push(a.code);
    }
  } else {
    selector.attributes.forEach((attr, i) => {
      const compiled = c.compile(attr.expression, input.scope);
      const name = attr.rename ?? (attr.expression.kind === 'variable' ? attr.expression.name : `_${i}`);
      output.push({ name, type: compiled.type });
      codes.push(compiled.code);
    });
  }
  // `order by` may name input attributes that are not selected: project them as hidden columns.
  const hiddenNames: string[] = [];
  for (const ob of selector.orderBy) {
    const name = ob.variable.name;
    if (ob.variable.streamId === undefined && output.some((o) => o.name === name)) continue;
    if (hiddenNames.includes(name)) continue;
    const r = input.scope.resolve(ob.variable);
    if (typeof r === 'string') {
      throw new CompileError(
        `'order by ${name}': no output or input attribute of that name; order by one of ${output.map((o) => o.name).join(', ')}`,
        ob.variable.span,
      );
    }
    hiddenNames.push(name);
    codes.push(r.code);
  }
  const projectTemps = c.tempDeclarations();
  const project = instantiate<CompiledSelector['project']>(
    [p, 'ts', 'a'],
    `${projectTemps}\nreturn [${codes.join(', ')}];`,
    c.functions,
  );

  // `having` sees the output attributes by name first, then the input's.
  let having: CompiledSelector['having'];
  if (selector.having) {
    const outScope: Scope = {
      ...input.scope,
      timestampCode: input.scope.timestampCode,
      resolve(v: Variable): ResolvedVariable | string {
        if (!v.streamId) {
          const i = output.findIndex((o) => o.name === v.name);
          if (i >= 0) return { code: `o[${i}]`, type: output[i]!.type };
        }
        return input.scope.resolve(v);
      },
    };
    const cond = c.compile(selector.having, outScope);
    if (cond.type !== 'bool')
      throw new CompileError(`'having' needs a bool condition, found ${cond.type}`, selector.having.span);
    having = instantiate(['o', p, 'ts', 'a'], `${c.tempDeclarations()}\nreturn ${cond.code} === true;`, c.functions);
  }

  let feed: CompiledSelector['feed'];
  let accumulate: CompiledSelector['accumulate'];
  if (c.aggregators.length > 0) {
    const calls = (method: string, store: boolean): string =>
      c.aggregators
        .map((s) => `${store ? `a[${s.index}] = ` : ''}s[${s.index}].${method}(${s.argCodes.join(', ')});`)
        .join('\n');
    const temps = c.tempDeclarations();
    const body = (store: boolean): string =>
      `${temps}\nif (add) {\n${calls('add', store)}\n} else {\n${calls('remove', store)}\n}`;
    feed = instantiate([p, 'ts', 's', 'a', 'add'], body(true), c.functions);
    accumulate = instantiate([p, 'ts', 's', 'add'], body(false), c.functions);
  }

  let groupKey: CompiledSelector['groupKey'];
  if (selector.groupBy.length > 0) {
    const keyCodes = selector.groupBy.map((v) => {
      const r = input.scope.resolve(v);
      if (typeof r === 'string') throw new CompileError(r, v.span);
      return r.code;
    });
    // A string key is the key as it is (String() on a string still costs a builtin call).
    const body =
      keyCodes.length === 1
        ? `const $k = ${keyCodes[0]};\nreturn typeof $k === 'string' ? $k : String($k);`
        : `return ${keyCodes.map((k) => `String(${k})`).join(" + '\\u0001' + ")};`;
    groupKey = instantiate([p, 'ts'], body, []);
  }

  let compare: CompiledSelector['compare'];
  if (selector.orderBy.length > 0) {
    const parts = selector.orderBy.map((ob) => {
      const h = hiddenNames.indexOf(ob.variable.name);
      const i = h >= 0 ? output.length + h : output.findIndex((o) => o.name === ob.variable.name);
      const sign = ob.order === 'desc' ? -1 : 1;
      return `r = cmp(x[${i}], y[${i}]); if (r !== 0) return ${sign} * r;`;
    });
    const cmp = (x: unknown, y: unknown): number => {
      if (x === y) return 0;
      if (x === null || x === undefined) return -1;
      if (y === null || y === undefined) return 1;
      return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
    };
    compare = new Function('cmp', `return function(x, y) { let r; ${parts.join(' ')} return 0; };`)(
      cmp,
    ) as CompiledSelector['compare'];
  }

  return {
    output,
    hidden: hiddenNames.length,
    project,
    aggregatorFactories: c.aggregators.map((s) => s.create),
    feed,
    accumulate,
    groupKey,
    having,
    compare,
    limit: constantInt(selector.limit, c, input.scope, 'limit'),
    offset: constantInt(selector.offset, c, input.scope, 'offset'),
  };
}

function constantInt(e: Selector['limit'], c: ExpressionCompiler, scope: Scope, what: string): number | undefined {
  if (e === undefined) return undefined;
  const r = c.compile(e, scope);
  if (r.constant === undefined || typeof r.constant.value !== 'number' || (r.type !== 'int' && r.type !== 'long')) {
    throw new CompileError(`'${what}' needs a whole number constant`, e.span);
  }
  return r.constant.value;
}
