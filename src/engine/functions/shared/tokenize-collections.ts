/**
 * The shape of `list:tokenize` and `map:tokenize`: one event per position (index or key) of one or more
 * collections, carrying the position and what stands there (with several collections, the list of what stands
 * there in each, null where one lacks it).
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { StreamFunction } from '../../registry/extension-impl.js';
import { javaClassName, type ErrorMaker } from './java-values.js';

/** What `tokenize` reads of one kind of collection. */
export interface TokenizedKind<C> {
  /** The Java type Siddhi's message names for an argument of another kind (`java.util.List`). */
  readonly javaType: string;
  is(value: unknown): value is C;
  /** The positions of several collections, each once, in order. */
  positions(collections: readonly C[]): Iterable<unknown>;
  /** What stands at a position, null when nothing does. */
  at(collection: C, position: unknown): unknown;
}

export function tokenizeCollections<C>(
  kind: TokenizedKind<C>,
  types: readonly AttributeType[],
  error: ErrorMaker,
): StreamFunction {
  const arity = types.length;
  return (args, emit) => {
    // The engine passes the processed event after the arguments; only the arguments are collections.
    const collections: C[] = [];
    for (let i = 0; i < arity; i++) {
      const a = args[i];
      if (!kind.is(a)) {
        throw error(
          `Attribute number, '${i + 1}' must be of type ${kind.javaType}, but found ${javaClassName(a, types[i])}`,
        );
      }
      collections.push(a);
    }
    const only = arity === 1 ? collections[0] : undefined;
    for (const p of kind.positions(collections)) {
      emit([p, only !== undefined ? kind.at(only, p) : collections.map((c) => kind.at(c, p))]);
    }
  };
}
