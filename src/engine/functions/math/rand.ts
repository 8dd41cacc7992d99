import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { JavaRandom } from './java-random.js';

const base = {
  kind: 'function',
  namespace: 'math',
  name: 'rand',
  description:
    "Gives a pseudo-random double in [0, 1). With a constant seed the sequence is Java's java.util.Random sequence for that seed, so it repeats from run to run.",
  parameters: [
    { name: 'seed', type: ['int', 'long'], optional: true, constantOnly: true, description: 'A constant seed.' },
  ],
  returns: { type: ['double'], description: 'The next value of the sequence.' },
  examples: [
    { syntax: 'math:rand()', description: 'A new random value per event.' },
    { syntax: 'math:rand(12)', description: 'Starts with 0.7298928061101974, then 0.2750691655200749.' },
  ],
} as const satisfies ExtensionSpec;

export const rand: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const seed = ctx.constants[0];
    if (typeof seed === 'number' || typeof seed === 'bigint') {
      const random = new JavaRandom(seed);
      return () => random.nextDouble();
    }
    return () => Math.random();
  },
};
