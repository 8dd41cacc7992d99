/**
 * `list:sort`: sorts a list in place, or reverses it. The order is a constant read at app creation; left off,
 * it is `REV` (Siddhi's default), which reverses the list without sorting it.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { javaClassName } from '../shared/java-values.js';
import { LIST_PARAMETER, listErrors, requireList, type ErrorMaker } from './list-support.js';

const error = listErrors('SortFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'list',
  name: 'sort',
  description:
    'Sorts a list in place: ASC ascending, DESC descending (sorted ascending, then reversed), REV reversed as it ' +
    'is. Strings sort ignoring case, numbers by value; the first element decides which, and a list of anything ' +
    'else (or mixing kinds) is a runtime error.',
  parameters: [
    LIST_PARAMETER,
    {
      name: 'order',
      type: ['string'],
      optional: true,
      defaultValue: 'REV',
      constantOnly: true,
      description: 'ASC, DESC or REV, in any case. Left off, REV: the list is reversed, not sorted.',
    },
  ],
  returns: { type: ['object'], description: 'The same list, sorted or reversed.' },
  examples: [
    {
      syntax: "list:sort(stockSymbols, 'ASC')",
      description: 'With ["WSO2", "ibm", "IBM"] gives ["ibm", "IBM", "WSO2"].',
    },
    { syntax: "list:sort(stockSymbols, 'DESC')", description: 'With [1, 3, 2] gives [3, 2, 1].' },
    { syntax: 'list:sort(stockSymbols)', description: 'With [1, 3, 2] gives [2, 3, 1] (reversed).' },
  ],
} as const satisfies ExtensionSpec;

type Order = 'ASC' | 'DESC' | 'REV';

function orderOf(text: unknown): Order | undefined {
  const upper = String(text).toUpperCase();
  return upper === 'ASC' || upper === 'DESC' || upper === 'REV' ? upper : undefined;
}

function checkOrder(argTypes: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  if (argTypes.length !== 2 || orderOf(constants[1]) !== undefined) return undefined;
  return `Sort types can be of types 'ASC/DESC/REV', however, found '${String(constants[1])}'.`;
}

/** Java's `Character.toUpperCase` / `toLowerCase` on one UTF-16 unit (a unit whose case maps to several stays). */
function upper(c: string): string {
  const u = c.toUpperCase();
  return u.length === 1 ? u : c;
}
function lower(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/** Java's `String.CASE_INSENSITIVE_ORDER`. */
export function compareIgnoringCase(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let c1 = a[i] as string;
    let c2 = b[i] as string;
    if (c1 === c2) continue;
    c1 = upper(c1);
    c2 = upper(c2);
    if (c1 === c2) continue;
    c1 = lower(c1);
    c2 = lower(c2);
    if (c1 !== c2) return c1.charCodeAt(0) - c2.charCodeAt(0);
  }
  return a.length - b.length;
}

/** Java's natural order of numbers (`Double.compareTo`: -0.0 before 0.0, NaN after everything). */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return a === 0 ? (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1) : 0;
  return (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0);
}

/** Sorts ascending as Siddhi does: by the kind of the first element; Java's cast errors for other kinds. */
function sortAscending(list: unknown[], fail: ErrorMaker): void {
  if (list.length === 0) return;
  const first = list[0];
  if (first === null || first === undefined) throw fail('list:sort() was given a list whose first element is null');
  const kind = typeof first === 'string' ? 'string' : typeof first === 'number' ? 'number' : undefined;
  if (kind === undefined) {
    throw fail(
      `list:sort() only supported for lists of type <STRING|INT|LONG|DOUBLE|FLOAT> but found '${javaClassName(first)}'.`,
    );
  }
  for (const v of list) {
    if (v === null || v === undefined) throw fail('list:sort() was given a list holding null');
    if (typeof v !== kind) throw fail(`${javaClassName(v)} cannot be cast to ${javaClassName(first)}`);
  }
  if (kind === 'string') (list as string[]).sort(compareIgnoringCase);
  else (list as number[]).sort(compareNumbers);
}

export const sort: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, checkOrder) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const order: Order = ctx.argTypes.length === 2 ? (orderOf(ctx.constants[1]) ?? 'REV') : 'REV';
    // Siddhi's two-argument form names the class of its argument array, not of the list.
    const message =
      ctx.argTypes.length === 2
        ? (): string => "First attribute needs be an instance of java.util.List, but found 'java.lang.Object[]'."
        : (c: string): string => `First attribute needs be an instance of java.util.List, but found '${c}'.`;
    return (list) => {
      const l = requireList(list, error, type, message);
      if (order !== 'REV') sortAscending(l, error);
      if (order !== 'ASC') l.reverse();
      return l;
    };
  },
};
