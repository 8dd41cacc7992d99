/**
 * The scope of a join query: `S.price` / `alias.price` read the left or right event of the joined
 * pair; unqualified names resolve to the one side that has them (both sides: an error naming both).
 * A side with an alias is known only by its alias, as in Siddhi.
 */
import type { Expression, Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { Attribute } from '../app/app-context.js';

export interface JoinSideInfo {
  /** The name the side is referred to by (its alias, else its id). */
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

export type SideIndex = 0 | 1;

export interface JoinScope extends Scope {
  /** The side a variable reads (undefined when it does not resolve). */
  sideOf(v: Variable): SideIndex | undefined;
}

/** Where the code of side `s`'s attribute `i` reads: by default `d[s][i]` (the pair passed as `d`). */
export type AttributeCode = (side: SideIndex, index: number) => string;

export const pairCode =
  (param = 'd'): AttributeCode =>
  (side, index) =>
    `${param}[${side}][${index}]`;

export function joinScope(
  sides: readonly [JoinSideInfo, JoinSideInfo],
  code: AttributeCode = pairCode(),
  timestampCode = 'ts',
): JoinScope {
  const locate = (v: Variable): { side: SideIndex; index: number } | string => {
    if (v.streamIndex !== undefined) {
      return `'${v.streamId ?? ''}[${String(v.streamIndex)}].${v.name}': event indexes are only valid in patterns and sequences`;
    }
    if (v.streamId !== undefined) {
      const named = ([0, 1] as const).filter((s) => sides[s].name === v.streamId);
      if (named.length === 0) {
        return `unknown stream '${v.streamId}' in '${v.streamId}.${v.name}'; this join reads ${sides[0].name} and ${sides[1].name}`;
      }
      if (named.length === 2) {
        return `'${v.streamId}.${v.name}' is ambiguous: both sides of the join are named '${v.streamId}'; give them aliases with 'as'`;
      }
      const side = named[0]!;
      const index = sides[side].attributes.findIndex((a) => a.name === v.name);
      if (index < 0) {
        return `'${v.name}' is not an attribute of ${v.streamId}; it has ${sides[side].attributes.map((a) => a.name).join(', ')}`;
      }
      return { side, index };
    }
    const found = ([0, 1] as const)
      .map((side) => ({ side, index: sides[side].attributes.findIndex((a) => a.name === v.name) }))
      .filter((f) => f.index >= 0);
    if (found.length === 0) {
      return `'${v.name}' is not an attribute of ${sides[0].name} or ${sides[1].name}`;
    }
    if (found.length === 2) {
      return `'${v.name}' is ambiguous: both ${sides[0].name} and ${sides[1].name} have it; write ${sides[0].name}.${v.name} or ${sides[1].name}.${v.name}`;
    }
    return found[0]!;
  };
  return {
    timestampCode,
    // The joined event's timestamp is the arriving event's (Siddhi's join output timestamp).
    resolveTimestampOf: (ref: string) => (sides.some((s) => s.name === ref) ? timestampCode : undefined),
    resolve(v: Variable): ResolvedVariable | string {
      const r = locate(v);
      if (typeof r === 'string') return r;
      return { code: code(r.side, r.index), type: sides[r.side].attributes[r.index]!.type };
    },
    sideOf(v: Variable): SideIndex | undefined {
      const r = locate(v);
      return typeof r === 'string' ? undefined : r.side;
    },
    starAttributes: () =>
      ([0, 1] as const).flatMap((side) =>
        sides[side].attributes.map((a, i) => ({ code: code(side, i), type: a.type })),
      ),
  };
}

/** The sides an expression reads (a set of 0 and 1). */
export function sidesRead(e: Expression, scope: JoinScope, into = new Set<SideIndex>()): Set<SideIndex> {
  switch (e.kind) {
    case 'variable': {
      const s = scope.sideOf(e);
      if (s !== undefined) into.add(s);
      break;
    }
    case 'binary':
      sidesRead(e.left, scope, into);
      sidesRead(e.right, scope, into);
      break;
    case 'not':
    case 'negate':
    case 'isNull':
    case 'in':
      sidesRead(e.operand, scope, into);
      break;
    case 'call':
      for (const a of e.args) sidesRead(a, scope, into);
      break;
    default:
      break;
  }
  return into;
}

/** The `and`-ed parts of a condition. */
export function conjuncts(e: Expression): Expression[] {
  if (e.kind === 'binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}
