/**
 * How a partitioned stream's events find their instance: a value partition's key expression
 * (`symbol of S`, the key is its value as a string, as Siddhi's `toString()`; null keys are dropped),
 * or a range partition's conditions (`price < 100 as 'low' or ...`: every matching label, in written order).
 */
import type { PartitionType } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate, type CallResolver } from '../../plan/expression/compile.js';
import type { Attribute } from '../app/app-context.js';
import { streamScope } from '../app/stream-scope.js';

/** The key of one event, or undefined when the event belongs to no instance. */
export type KeyOf = (d: unknown[], ts: number) => string | undefined;

export interface RangeKey {
  readonly test: (d: unknown[], ts: number) => boolean;
  readonly label: string;
}

export type StreamPartitioner =
  { readonly kind: 'value'; readonly keyOf: KeyOf } | { readonly kind: 'range'; readonly ranges: readonly RangeKey[] };

export function compilePartitioner(
  type: PartitionType,
  attributes: readonly Attribute[],
  resolver: CallResolver,
): StreamPartitioner {
  const scope = streamScope([type.streamId], attributes);
  if (type.kind === 'valuePartition') {
    const c = new ExpressionCompiler(resolver);
    const r = c.compile(type.expression, scope);
    const asString = r.type === 'string' ? 'v' : 'String(v)';
    const keyOf = instantiate<KeyOf>(
      ['d', 'ts'],
      `${c.tempDeclarations()}\nconst v = ${r.code};\nreturn v === null || v === undefined ? undefined : ${asString};`,
      c.functions,
    );
    return { kind: 'value', keyOf };
  }
  const ranges = type.ranges.map((range) => {
    const c = new ExpressionCompiler(resolver);
    const r = c.compile(range.condition, scope);
    if (r.type !== 'bool' && r.type !== 'object') {
      throw new CompileError(`a range partition needs a bool condition, found ${r.type}`, range.condition.span);
    }
    const test = instantiate<RangeKey['test']>(
      ['d', 'ts'],
      `${c.tempDeclarations()}\nreturn ${r.code} === true;`,
      c.functions,
    );
    return { test, label: range.label };
  });
  return { kind: 'range', ranges };
}
