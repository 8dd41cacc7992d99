/** Turning a parsed `from` chain into a single stream, a pattern or a sequence, as Siddhi's grammar decides. */
import type { Span, StateElement, StateInputStream } from '../ast.js';

/** What the chain parser saw while reading one query input. */
export interface ChainFeatures {
  /** A `->` separator was used. */
  arrow: Span | undefined;
  /** A `,` separator was used. */
  comma: Span | undefined;
  /** The first `+`, `*` or `?` quantifier (sequences only). */
  quantifier: Span | undefined;
  /** `every`, `not`, `e=`, counting, `and`/`or` or parentheses: not a plain stream. */
  stateful: boolean;
}

export function emptyFeatures(): ChainFeatures {
  return { arrow: undefined, comma: undefined, quantifier: undefined, stateful: false };
}

/**
 * A `within` written right after the parenthesised group that ends the chain belongs to the whole pattern
 * (Siddhi's grammar has `within` only there): move it from the group to the input.
 */
function hoistTrailingWithin(state: StateElement): { state: StateElement; within?: number } {
  switch (state.kind) {
    case 'groupState':
      if (state.withinMillis !== undefined) return { state: state.element, within: state.withinMillis };
      return { state };
    case 'everyState': {
      const inner = hoistTrailingWithin(state.element);
      if (inner.within === undefined) return { state };
      return { state: { ...state, element: inner.state }, within: inner.within };
    }
    case 'nextState': {
      const inner = hoistTrailingWithin(state.next);
      if (inner.within === undefined) return { state };
      return { state: { ...state, next: inner.state }, within: inner.within };
    }
    default:
      return { state };
  }
}

export function buildStateInput(
  state: StateElement,
  features: ChainFeatures,
  withinMillis: number | undefined,
  span: Span,
): StateInputStream {
  const kind = features.comma ? 'sequence' : 'pattern';
  if (withinMillis !== undefined) return { kind, state, withinMillis, span };
  const hoisted = hoistTrailingWithin(state);
  if (hoisted.within !== undefined) return { kind, state: hoisted.state, withinMillis: hoisted.within, span };
  return { kind, state, span };
}
