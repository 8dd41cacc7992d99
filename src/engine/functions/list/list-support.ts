/**
 * What the `list:` functions share. A SiddhiQL list (an `object` holding Java's `java.util.List`) is a JS
 * array: the ones `list:create` makes, the values and keys `map:` gives, the arrays `json:` reads. Functions
 * that change a list change the one they are given and give it back, as Siddhi's do; `clone` is the one that
 * copies. Elements are compared with Java's `equals` as the `map:` functions compare values (numbers by value).
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExampleSpec, ExtensionSpec, ParameterSpec, ReturnSpec } from '../../../lang/catalog.js';
import type { CallSiteContext, FunctionImpl } from '../../registry/extension-impl.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';
import { javaClassName, javaEquals, type ErrorMaker } from '../shared/java-values.js';

export { ANY_TYPES } from '../shared/java-values.js';
export type { ErrorMaker } from '../shared/java-values.js';

export function listErrors(javaClass: string): ErrorMaker {
  return errorsFor(`io.siddhi.extension.execution.list.${javaClass}`);
}

/** What a `list:` function does per event with its list (checked) and its other arguments. */
export type ListBody = (list: unknown[], second: unknown, third: unknown) => unknown;

/**
 * A `list:` function whose first argument is a list: its spec, validated by its own parameters, and per call
 * site the `body` that `make` gives, called with the list once checked (`message` words the error for another
 * value) and the other arguments. Errors name Siddhi's `javaClass`.
 */
export function listFunction(
  base: ExtensionSpec,
  javaClass: string,
  make: (error: ErrorMaker, ctx: CallSiteContext) => ListBody,
  message: (className: string) => string = notAList(),
): FunctionImpl {
  const error = listErrors(javaClass);
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const type = ctx.argTypes[0];
      const body = make(error, ctx);
      return (list, second, third) => body(requireList(list, error, type, message), second, third);
    },
  };
}

/** The spec of a `list:` function with one example: what the families of functions (`indexOf`, `lastIndexOf`) build. */
export function listSpec(
  name: string,
  description: string,
  parameters: readonly ParameterSpec[],
  returns: ReturnSpec,
  example: ExampleSpec,
): ExtensionSpec {
  return { kind: 'function', namespace: 'list', name, description, parameters, returns, examples: [example] };
}

/** A `list:` function of a list and a given list (`containsAll`, `removeAll`): `body` gets both checked. */
export function givenListFunction(
  base: ExtensionSpec,
  javaClass: string,
  body: (list: unknown[], given: unknown[]) => unknown,
): FunctionImpl {
  return listFunction(base, javaClass, (error, ctx) => {
    const type = ctx.argTypes[1];
    return (list, given) => body(list, requireList(given, error, type, notAList('Second')));
  });
}

/** Which argument a message names ("First attribute value ..."). */
export type Ordinal = 'First' | 'Second';

/** Siddhi's usual message for an argument that is not a list. */
export function notAList(ordinal: Ordinal = 'First'): (className: string) => string {
  return (c) => `${ordinal} attribute value must be of type java.util.List, but found '${c}'.`;
}

/** The list argument, or a runtime error whose text `message` makes from the Java class name found. */
export function requireList(
  value: unknown,
  error: ErrorMaker,
  type: AttributeType | undefined,
  message: (className: string) => string = notAList(),
): unknown[] {
  if (Array.isArray(value)) return value;
  throw error(message(javaClassName(value, type)));
}

/** An int argument Java unboxes (`(int) data[i]`): null is Java's NullPointerException, named. */
export function requireIndex(value: unknown, error: ErrorMaker, fn: string): number {
  if (typeof value === 'number') return value;
  throw error(`list:${fn}() was given a null index`);
}

/** A bool argument Java unboxes (`(boolean) data[i]`). */
export function requireFlag(value: unknown, error: ErrorMaker, fn: string): boolean {
  if (typeof value === 'boolean') return value;
  throw error(`list:${fn}() was given a null is.distinct`);
}

/** Java's `IndexOutOfBoundsException` text for a `java.util.LinkedList` (what `list:create` makes). */
export function outOfBounds(index: number, size: number, error: ErrorMaker): never {
  throw error(`Index: ${index}, Size: ${size}`);
}

/** `List.indexOf`: the first index of an element equal to `value`, or -1. */
export function indexOf(list: readonly unknown[], value: unknown): number {
  for (let i = 0; i < list.length; i++) if (javaEquals(list[i] ?? null, value ?? null)) return i;
  return -1;
}

/** `List.lastIndexOf`: the last index of an element equal to `value`, or -1. */
export function lastIndexOf(list: readonly unknown[], value: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (javaEquals(list[i] ?? null, value ?? null)) return i;
  return -1;
}

export function contains(list: readonly unknown[], value: unknown): boolean {
  return indexOf(list, value) >= 0;
}

/** `List.remove(Object)`: takes out the first element equal to `value`, if any. */
export function removeFirst(list: unknown[], value: unknown): void {
  const i = indexOf(list, value);
  if (i >= 0) list.splice(i, 1);
}

/** Keeps, in place, the elements for which `keep` holds (`removeAll` / `retainAll`). */
export function filterInPlace(list: unknown[], keep: (element: unknown) => boolean): void {
  const kept = list.filter(keep);
  list.length = 0;
  for (const v of kept) list.push(v);
}

/** Adds each element of `from` to `to` unless `to` holds an equal one already (`is.distinct`). */
export function addDistinct(to: unknown[], from: readonly unknown[]): void {
  for (const v of [...from]) if (!contains(to, v)) to.push(v);
}

export const LIST_PARAMETER = {
  name: 'list',
  type: ['object'],
  description: 'The list (a `java.util.List`: one `list:create` made, or one `map:` or `json:` gave).',
} as const satisfies ParameterSpec;

export const GIVEN_LIST_PARAMETER = {
  name: 'given.list',
  type: ['object'],
  description: 'The list whose elements are looked for.',
} as const satisfies ParameterSpec;
