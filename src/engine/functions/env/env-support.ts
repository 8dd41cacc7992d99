/**
 * What the `env:` extensions share: the Java class each runtime error names (siddhi-execution-env's
 * `org.wso2.extension.siddhi.execution.env` package) and the key and default parameters of the
 * property functions.
 */
import type { ParameterSpec } from '../../../lang/catalog.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export function envErrors(javaClass: string): ErrorMaker {
  return errorsFor(`org.wso2.extension.siddhi.execution.env.${javaClass}`);
}

export const KEY_PARAMETER = {
  name: 'key',
  type: ['string'],
  description: 'The name of the property to read.',
} as const satisfies ParameterSpec;

export const DEFAULT_PARAMETER = {
  name: 'default.value',
  type: ['string'],
  optional: true,
  defaultValue: 'null',
  description: 'What to give when the property is not set.',
} as const satisfies ParameterSpec;
