/** `currentTimeMillis()`: the app clock's time in milliseconds (virtual in tests, event time in playback). */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'currentTimeMillis',
  description: "Returns the Siddhi app's current time in milliseconds.",
  parameters: [],
  returns: { type: ['long'], description: "The app's current timestamp in milliseconds." },
  examples: [
    {
      syntax: 'from fooStream select symbol as name, currentTimeMillis() as eventTimestamp insert into barStream;',
      description: 'Adds the current time to each event.',
    },
  ],
};

export const currentTimeMillisFunction: FunctionImpl = {
  spec: { ...base, returnTypeOf: () => 'long', validate: validateWith(base) },
  create(ctx) {
    const now = ctx.now;
    return () => now();
  },
};
