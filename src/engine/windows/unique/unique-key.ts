/**
 * The unique key of the `unique:` windows and `unique:deduplicate`: one or more key arguments read
 * from an event. One argument keys by its value; several key by the list of their values.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ParameterSpec } from '../../../lang/catalog.js';
import type { StreamEvent } from '../../event/stream-event.js';
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
