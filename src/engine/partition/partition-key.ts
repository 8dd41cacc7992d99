/**
 * How a partitioned stream's events find their instance: a value partition's key expression
 * (`symbol of S`, the key is its value's Java text, as Siddhi's `toString()`: a double 2 is "2.0", so it
 * shares an instance with the string "2.0" of another stream, not with "2"; null keys are dropped),
 * or a range partition's conditions (`price < 100 as 'low' or ...`: every matching label, in written order).
 */
import type { AttributeType, PartitionType } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate, type CallResolver } from '../../plan/expression/compile.js';
import type { Attribute } from '../app/app-context.js';
import { streamScope } from '../app/stream-scope.js';
import { javaValueToString } from '../functions/shared/java-format.js';

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
    const asString = keyTextCode(r.type, c.functions);
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

/**
 * The code that turns a key value `v` of `type` into its Java text. Whole numbers of int and long, and
 * bools, print alike in JavaScript and Java; floats and doubles need Java's forms ("2.0", "1.0E7").
 */
function keyTextCode(type: AttributeType, functions: ((...args: unknown[]) => unknown)[]): string {
  if (type === 'string') return 'v';
  if (type === 'int' || type === 'long' || type === 'bool') return 'String(v)';
  return `f[${functions.push((v: unknown) => javaValueToString(v, type)) - 1}](v)`;
}
