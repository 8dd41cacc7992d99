/**
 * What the `regex:` functions share: the Java class each error names, the regex and input parameters,
 * and a compiled pattern per call site (once for a constant regex, per event otherwise, as Siddhi does).
 */
import type { CallSiteContext } from '../../registry/extension-impl.js';
import type { ParameterSpec } from '../../../lang/catalog.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';

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
