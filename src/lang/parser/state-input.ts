/** Turning a parsed `from` chain into a single stream, a pattern or a sequence, as Siddhi's grammar decides. */
import type { AbsentStateElement, Span, StateElement, StateInputStream } from '../ast.js';

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

/** The steps of a chain in written order, looking through `every` and parentheses. */
function chainSteps(state: StateElement, out: StateElement[] = []): StateElement[] {
  switch (state.kind) {
    case 'nextState':
      chainSteps(state.first, out);
      return chainSteps(state.next, out);
    case 'everyState':
    case 'groupState':
      return chainSteps(state.element, out);
    default:
      out.push(state);
      return out;
  }
}

/**
 * Siddhi's grammar takes a lone `not S for <time>` as a whole pattern or sequence, but a chain of two or more
 * steps needs at least one that is not a bare `not ...` (a `not ... and ...` counts as such a step): the
 * second absent step of a chain without one, or undefined.
 */
export function absentOnlyChain(state: StateElement): AbsentStateElement | undefined {
  const steps = chainSteps(state);
  if (steps.length < 2) return undefined;
  const absent = steps.filter((s): s is AbsentStateElement => s.kind === 'absentState');
  return absent.length === steps.length ? absent[1] : undefined;
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
