/** Builds a `unitconversion:` function from a row of the conversions table. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { errorsFor } from '../shared/errors.js';
import { javaDoubleToString } from '../shared/java-format.js';
import { validateWith } from '../shared/overloads.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { convert, type Conversion } from './conversions.js';

export function conversionFunction(c: Conversion): FunctionImpl {
  const steps = c.steps;
  const base = {
    kind: 'function',
    namespace: 'unitconversion',
    name: c.name,
    description: `Converts ${c.from} to ${c.to}; a null value is a runtime error (as in Siddhi).`,
    parameters: [{ name: 'p1', type: NUMERIC_TYPES, description: `The value in ${c.from}.` }],
    returns: { type: ['double'], description: `The value in ${c.to}.` },
    examples: [
      {
        syntax: `unitconversion:${c.name}(1)`,
        description: `Gives ${javaDoubleToString(convert(steps, 1))}.`,
      },
    ],
  } as const satisfies ExtensionSpec;
  const error = errorsFor(`io.siddhi.extension.execution.unitconversion.${c.quantity}.${c.javaClass}`);
  return {
    spec: { ...base, validate: validateWith(base) },
    create: () => (value) => {
      if (typeof value !== 'number') throw error('Input to the UnitConversion function cannot be null');
      return convert(steps, value);
    },
  };
}
