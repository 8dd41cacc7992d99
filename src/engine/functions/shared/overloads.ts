/**
 * Checks a call against an extension's accepted call shapes, as Siddhi's parameter-overload validation does
 * at app creation: the argument count must fit a signature, each argument type must be one the parameter
 * accepts, and constant-only parameters must be given constants.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec, ParameterSpec } from '../../../lang/catalog.js';

function fits(
  params: readonly ParameterSpec[],
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
): boolean {
  const last = params[params.length - 1];
  const variadic = last?.repeat === true;
  if (variadic ? argTypes.length < params.length : argTypes.length !== params.length) return false;
  for (let i = 0; i < argTypes.length; i++) {
    const p = params[Math.min(i, params.length - 1)] as ParameterSpec;
    const t = argTypes[i] as AttributeType;
    if (!p.type.includes(t)) return false;
    if (p.constantOnly === true && constants[i] === undefined) return false;
  }
  return true;
}

/** Undefined when the call fits one signature of `spec`, else a message saying what the function accepts. */
export function checkOverloads(
  spec: Pick<ExtensionSpec, 'namespace' | 'name' | 'parameters' | 'signatures'>,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
): string | undefined {
  const byName = new Map(spec.parameters.map((p) => [p.name, p]));
  const shapes: (readonly ParameterSpec[])[] = [];
  if (spec.signatures !== undefined) {
    for (const sig of spec.signatures) shapes.push(sig.map((n) => byName.get(n) as ParameterSpec));
  } else {
    const required = spec.parameters.filter((p) => p.optional !== true).length;
    for (let n = required; n <= spec.parameters.length; n++) shapes.push(spec.parameters.slice(0, n));
  }
  if (shapes.some((s) => fits(s, argTypes, constants))) return undefined;
  const fn = `${spec.namespace}:${spec.name}`;
  const accepted = shapes
    .map((s) => `(${s.map((p) => `${p.name}${p.repeat === true ? '...' : ''} ${p.type.join('|')}`).join(', ')})`)
    .join(' or ');
  return `${fn}(${argTypes.join(', ')}) matches no accepted call of ${fn}: expected ${accepted}`;
}

/** Runs the overload check, then any extra check, returning the first message. */
export function validateWith(
  spec: Pick<ExtensionSpec, 'namespace' | 'name' | 'parameters' | 'signatures'>,
  extra?: (argTypes: readonly AttributeType[], constants: readonly unknown[]) => string | undefined,
): (argTypes: readonly AttributeType[], constants: readonly unknown[]) => string | undefined {
  return (argTypes, constants) => checkOverloads(spec, argTypes, constants) ?? extra?.(argTypes, constants);
}
