/**
 * Siddhi's decomposition of incremental aggregators into base values kept per bucket, which roll
 * up across buckets: sum → AGG_SUM_x, count → AGG_COUNT, avg → AGG_SUM_x / AGG_COUNT,
 * min → AGG_MIN_x, max → AGG_MAX_x, distinctCount → the set AGG_SET_x. Base values of the same name
 * are shared (`avg(price)` and `sum(price)` keep one sum).
 */
import type { AttributeType } from '../../lang/ast.js';

export type BaseKind = 'sum' | 'count' | 'min' | 'max' | 'set';

export interface BaseValue {
  readonly name: string;
  readonly kind: BaseKind;
  /** The attribute it reads (undefined for count). */
  readonly attribute?: number;
}

/** How an output of `select` is computed from a bucket's base values. */
export type Finisher =
  | { readonly kind: 'base'; readonly slot: number }
  | { readonly kind: 'avg'; readonly sum: number; readonly count: number }
  | { readonly kind: 'setSize'; readonly slot: number };

export interface IncrementalAggregator {
  readonly returnType: AttributeType;
  readonly bases: readonly { readonly name: string; readonly kind: BaseKind }[];
  /** Given the slots of `bases` (in order), how the output is computed. */
  finish(slots: readonly number[]): Finisher;
}

const NUMERIC: readonly AttributeType[] = ['int', 'long', 'float', 'double'];

/** The incremental form of `name(attr)`, or an error message. `attr` is undefined for `count()`. */
export function incrementalAggregator(
  name: string,
  attr: { readonly name: string; readonly type: AttributeType } | undefined,
): IncrementalAggregator | string {
  const needs = (): string => `incremental '${name}' needs one attribute, as in ${name}(price)`;
  switch (name) {
    case 'count':
      return { returnType: 'long', bases: [{ name: 'AGG_COUNT', kind: 'count' }], finish: ([s]) => base(s!) };
    case 'sum': {
      if (!attr) return needs();
      if (!NUMERIC.includes(attr.type)) return `incremental sum cannot add ${attr.type} values of '${attr.name}'`;
      const returnType = attr.type === 'int' || attr.type === 'long' ? 'long' : 'double';
      return { returnType, bases: [{ name: `AGG_SUM_${attr.name}`, kind: 'sum' }], finish: ([s]) => base(s!) };
    }
    case 'avg': {
      if (!attr) return needs();
      if (!NUMERIC.includes(attr.type)) return `incremental avg cannot average ${attr.type} values of '${attr.name}'`;
      return {
        returnType: 'double',
        bases: [
          { name: `AGG_SUM_${attr.name}`, kind: 'sum' },
          { name: 'AGG_COUNT', kind: 'count' },
        ],
        finish: ([s, c]) => ({ kind: 'avg', sum: s!, count: c! }),
      };
    }
    case 'min':
    case 'max': {
      if (!attr) return needs();
      if (!NUMERIC.includes(attr.type))
        return `incremental ${name} cannot compare ${attr.type} values of '${attr.name}'`;
      return {
        returnType: attr.type,
        bases: [{ name: `AGG_${name.toUpperCase()}_${attr.name}`, kind: name }],
        finish: ([s]) => base(s!),
      };
    }
    case 'distinctCount': {
      if (!attr) return needs();
      if (attr.type === 'object') return `incremental distinctCount cannot count object values of '${attr.name}'`;
      return {
        returnType: 'long',
        bases: [{ name: `AGG_SET_${attr.name}`, kind: 'set' }],
        finish: ([s]) => ({ kind: 'setSize', slot: s! }),
      };
    }
    default:
      return `'${name}' is not an incremental aggregator; use sum, count, avg, min, max or distinctCount`;
  }
}

function base(slot: number): Finisher {
  return { kind: 'base', slot };
}

/** Folds one event's value into a base value (the initial bucket value is null, or an empty set). */
export function foldValue(kind: BaseKind, current: unknown, v: unknown): unknown {
  switch (kind) {
    case 'count':
      return ((current as number | null) ?? 0) + 1;
    case 'sum':
      if (typeof v !== 'number') return current;
      return current === null ? v : (current as number) + v;
    case 'min':
      if (typeof v !== 'number') return current;
      return current === null || v < (current as number) ? v : current;
    case 'max':
      if (typeof v !== 'number') return current;
      return current === null || v > (current as number) ? v : current;
    case 'set':
      if (v !== null && v !== undefined) (current as Set<unknown>).add(v);
      return current;
  }
}

/** The value of an output given a bucket's base values. */
export function finishValue(f: Finisher, bases: readonly unknown[]): unknown {
  switch (f.kind) {
    case 'base':
      return bases[f.slot] ?? null;
    case 'avg': {
      const s = bases[f.sum];
      const c = bases[f.count];
      return typeof s === 'number' && typeof c === 'number' && c !== 0 ? s / c : null;
    }
    case 'setSize':
      return (bases[f.slot] as Set<unknown>).size;
  }
}
