/**
 * The unique key of the `unique:` windows and `unique:deduplicate`: one or more key arguments read
 * from an event. One argument keys by its value; several key by the list of their values.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ParameterSpec } from '../../../lang/catalog.js';
import type { StreamEvent } from '../../event/stream-event.js';
import { checkCount, checkIntArg } from '../common.js';
import type { WindowArg } from '../window.js';

export type KeyOf = (event: StreamEvent) => unknown;

/**
 * Reads the key of `args[from, from + count)`. Siddhi joins several keys' text with nothing between
 * them (`('ab','c')` and `('a','bc')` collide); here a list of values is the key, so they do not.
 */
export function keyReader(args: readonly WindowArg[], from = 0, count = 1): KeyOf {
  const keys = args.slice(from, from + count);
  if (keys.length === 1) {
    const only = keys[0]!;
    return (e) => only.evaluate(e);
  }
  return (e) => JSON.stringify(keys.map((k) => k.evaluate(e)));
}

const KEY_TYPES: readonly AttributeType[] = ['int', 'long', 'float', 'double', 'bool', 'string'];

/** The spec of the `unique.key` parameter; `repeat`: more keys may follow (`ever`, `first`). */
export function uniqueKeyParameter(repeat = false): ParameterSpec {
  return {
    name: 'unique.key',
    type: KEY_TYPES,
    description: repeat
      ? 'The attribute (or expression) whose value identifies an event; more may follow, and then the key is their values together.'
      : 'The attribute (or expression) whose value identifies an event.',
    ...(repeat ? { repeat: true } : {}),
  };
}

/** Checks that argument `i` can be a key. */
export function checkKeyArg(types: readonly AttributeType[], i: number): string | undefined {
  const t = types[i];
  if (t === undefined || KEY_TYPES.includes(t)) return undefined;
  return `unique.key must be an int, long, float, double, bool or string, not ${t}`;
}

/** Checks the arguments of a window that takes only keys, one or more (`ever`, `first`). */
export function checkKeyArgs(types: readonly AttributeType[]): string | undefined {
  if (types.length === 0) return 'expects one or more unique.key arguments';
  for (let i = 0; i < types.length; i++) {
    const err = checkKeyArg(types, i);
    if (err !== undefined) return err;
  }
  return undefined;
}

/** Checks the arguments of a window of a key and a length (`length`, `lengthBatch`, `firstLengthBatch`). */
export function checkKeyAndLength(types: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  return (
    checkCount(
      types.length,
      2,
      2,
      'two arguments (<int|long|float|double|bool|string> unique.key, <int> window.length)',
    ) ??
    checkKeyArg(types, 0) ??
    checkIntArg(types, constants, 1, 'window.length') ??
    (Number(constants[1]) <= 0 ? 'window.length must be positive' : undefined)
  );
}
