/**
 * What the streamingml: processors share: the feature parameter, the checks of their arguments (at the
 * check, from the types and constants; at creation, from the attributes the arguments name, as the Java
 * extension's CoreUtils does), and the reading of features per event.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ParameterSpec } from '../../../lang/catalog.js';
import type { StreamFunctionContext } from '../../registry/extension-impl.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

const PACKAGE = 'io.siddhi.extension.execution.streamingml';

/** The runtime errors of one Java class of the extension, e.g. `clustering.kmeans.KMeansIncrementalSPExtension`. */
export function mlErrors(javaClass: string): ErrorMaker {
  return errorsFor(`${PACKAGE}.${javaClass}`);
}

export const NUMERIC: readonly AttributeType[] = ['double', 'float', 'int', 'long'];

export function feature(description: string): ParameterSpec {
  return { name: 'model.feature', type: NUMERIC, description, repeat: true };
}

/** A constant where a feature attribute must be: the first one from `start`, as a message. */
export function constantFeature(constants: readonly unknown[], start: number): string | undefined {
  for (let i = start; i < constants.length; i++) {
    if (constants[i] !== undefined) {
      return `argument ${i + 1} (model.feature) must be an attribute of the input stream, not a constant`;
    }
  }
  return undefined;
}

/** Whether argument `i` is neither a constant nor a plain attribute (unknown when a test builds the processor alone). */
export function isExpression(ctx: StreamFunctionContext, i: number): boolean {
  return ctx.argNames !== undefined && ctx.argNames[i] === undefined && ctx.constants[i] === undefined;
}

/** An app creation error of a streamingml: processor: `fn` is its qualified name. */
export function creationError(fn: string, message: string): Error {
  return new Error(`${fn}(): ${message}`);
}

/** Fails the creation when a feature argument from `start` is an expression rather than an attribute. */
export function requireFeatureAttributes(ctx: StreamFunctionContext, fn: string, start: number): void {
  for (let i = start; i < ctx.argTypes.length; i++) {
    if (isExpression(ctx, i)) {
      throw creationError(
        fn,
        `argument ${i + 1} (model.feature) must be an attribute of the input stream, not an expression`,
      );
    }
  }
}

/**
 * Fails the creation when the call has more arguments than the parameters before the features plus one
 * feature per attribute of the input stream allow (`spare` attributes that cannot be features, as the label).
 */
export function requireAtMost(ctx: StreamFunctionContext, fn: string, leading: string, spare = 0): void {
  if (ctx.inputTypes === undefined) return;
  const most = leading.split(', ').length + ctx.inputTypes.length - spare;
  if (ctx.argTypes.length > most) {
    throw creationError(
      fn,
      `takes at most ${most} arguments on this input stream (${leading}, then at most ${ctx.inputTypes.length - spare} model.feature attributes), but got ${ctx.argTypes.length}`,
    );
  }
}

/** Reads `n` features from `args[start]` on into a new array, as `readFeatures` reads them. */
export function readPoint(args: readonly unknown[], start: number, n: number, error: ErrorMaker): number[] {
  const point: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = args[start + i];
    if (typeof v !== 'number') throw error(`model.feature ${i + 1} (argument ${start + i + 1}) is null`);
    point.push(v);
  }
  return point;
}

/**
 * Reads `out.length` features from `args[start]` on into `out` (int, long and float read as doubles, as
 * Java's `Number.doubleValue()` does); a null is an error for the event, as in Siddhi (a NullPointerException there).
 */
export function readFeatures(args: readonly unknown[], start: number, out: number[], error: ErrorMaker): void {
  for (let i = 0; i < out.length; i++) {
    const v = args[start + i];
    if (typeof v !== 'number') throw error(`model.feature ${i + 1} (argument ${start + i + 1}) is null`);
    out[i] = v;
  }
}
