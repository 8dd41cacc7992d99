/**
 * What the `regex:` functions share: the Java class each error names, the regex and input parameters,
 * and a compiled pattern per call site (once for a constant regex, per event otherwise, as Siddhi does).
 */
import type { CallSiteContext } from '../../registry/extension-impl.js';
import type { ParameterSpec } from '../../../lang/catalog.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';
import { argumentWord } from '../shared/types.js';
import { javaClassName } from '../shared/java-values.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export function regexErrors(javaClass: string): ErrorMaker {
  return errorsFor(`io.siddhi.extension.execution.regex.${javaClass}`);
}

export const REGEX_PARAMETER = {
  name: 'regex',
  type: ['string'],
  description: 'A Java regular expression, e.g. `\\d\\d(.*)WSO2`.',
} as const satisfies ParameterSpec;

export const INPUT_PARAMETER = {
  name: 'input.sequence',
  type: ['string'],
  description: 'The text matched against the regular expression.',
} as const satisfies ParameterSpec;

/**
 * The pattern of a call: compiled once when the regex is a constant (checked at app creation), else
 * compiled for each event, where a bad pattern is a runtime error.
 */
export function patternOf(
  ctx: CallSiteContext,
  compile: (pattern: string) => RegExp,
  error: ErrorMaker,
): (regex: unknown) => RegExp {
  const constant = ctx.constants[0];
  if (typeof constant === 'string') {
    const fixed = compile(constant);
    return () => fixed;
  }
  return (regex) => {
    try {
      return compile(String(regex));
    } catch (e) {
      throw error((e as Error).message, e);
    }
  };
}

/**
 * Java's `(String)` cast of an argument: a value of another class (a number sent into a string attribute)
 * fails the event, as Siddhi's ClassCastException does, instead of being matched as its text.
 */
export function textArgument(value: unknown, index: number, fn: string, error: ErrorMaker): string {
  if (typeof value === 'string') return value;
  throw error(
    `Invalid input given to regex:${fn}() function. ${argumentWord(index)} argument should be a string, ` +
      `found ${javaClassName(value)}`,
  );
}

/**
 * Java's `(Integer)` cast of an index argument: anything but a whole number (a string or a fraction sent into
 * an int attribute) fails the event, as Siddhi does, instead of reading as NaN.
 */
export function intArgument(value: unknown, index: number, fn: string, error: ErrorMaker): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw error(`Invalid input given to regex:${fn}() function. ${argumentWord(index)} argument should be an integer`);
}
