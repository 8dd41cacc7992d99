/**
 * Implementation shapes of the extensions the engine runs. Each pairs a spec (src/lang/catalog.ts)
 * with a factory called once per call site, at app creation, with the argument types and constants.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';

/** What a factory learns about its call site. */
export interface CallSiteContext {
  /** Types of the arguments, as the checker inferred them. */
  readonly argTypes: readonly AttributeType[];
  /** The value of each argument that is a constant, else undefined. */
  readonly constants: readonly unknown[];
  /** The return type the checker decided for this call. */
  readonly returnType: AttributeType;
  /** The app clock (virtual in tests, event time in playback): the source of "now". */
  readonly now: () => number;
}

/** A scalar function: `str:concat(a, b)`. The returned closure runs per event; null in, null out unless documented. */
export interface FunctionImpl {
  readonly spec: ExtensionSpec;
  create(ctx: CallSiteContext): (...args: unknown[]) => unknown;
}

/** Running state of one aggregator instance (one per group). Values are what the checker typed. */
export interface AggregatorState {
  /** A current event arrived: fold it in, return the new value. */
  add(...args: unknown[]): unknown;
  /** An expired event left: take it out, return the new value. */
  remove(...args: unknown[]): unknown;
  /** A batch reset: back to empty, return the empty value. */
  reset(): unknown;
  /** The value now. */
  value(): unknown;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface AggregatorImpl {
  readonly spec: ExtensionSpec;
  create(ctx: CallSiteContext): () => AggregatorState;
}

/**
 * A stream function or processor (`#pol2Cart(x, y)`, `#str:tokenize(text, ',')`): for each input event,
 * calls `emit` with the values to append, zero or more times (once per output event).
 */
export interface StreamFunctionImpl {
  readonly spec: ExtensionSpec;
  create(ctx: CallSiteContext): StreamFunction;
}

/** What a stream function's factory returns: called per event with its argument values. */
export type StreamFunction = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void) => void;

/**
 * A stream processor that keeps state between events (`#unique:deduplicate`): the app snapshots and
 * restores it with its other state.
 */
export type StatefulStreamFunction = StreamFunction & {
  snapshot(): unknown;
  restore(state: unknown): void;
};

export function isStatefulStreamFunction(fn: StreamFunction): fn is StatefulStreamFunction {
  const f = fn as Partial<StatefulStreamFunction>;
  return typeof f.snapshot === 'function' && typeof f.restore === 'function';
}
