import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';

function constant(name: 'pi' | 'e', value: number, what: string): FunctionImpl {
  const base = {
    kind: 'function',
    namespace: 'math',
    name,
    description: `Gives ${what}.`,
    parameters: [],
    returns: { type: ['double'], description: `${value}` },
    examples: [{ syntax: `math:${name}()`, description: `Gives ${value}.` }],
  } as const satisfies ExtensionSpec;
  return { spec: { ...base, validate: validateWith(base) }, create: () => () => value };
}

export const pi = constant('pi', Math.PI, 'the ratio of the circumference of a circle to its diameter, π');
export const e = constant('e', Math.E, "Euler's number e, the base of natural logarithms");
