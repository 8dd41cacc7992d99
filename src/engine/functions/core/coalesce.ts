/** `coalesce(a, b, ...)`: the first argument that is not null; all arguments share one type, the result's. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES } from './spec-parts.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'coalesce',
  description:
    'Returns the first of its arguments that is not null, or null when all are null. All arguments must have the same type.',
  parameters: [{ name: 'arg', type: ALL_TYPES, repeat: true, description: 'One or more values of the same type.' }],
  returns: { type: ALL_TYPES, description: 'The type of the arguments.' },
  examples: [
    { syntax: 'coalesce(null, 123, 234)', description: 'Returns 123.' },
    { syntax: 'coalesce(null, null, null)', description: 'Returns null.' },
  ],
};

function first(...args: unknown[]): unknown {
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

export const coalesceFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: (argTypes) => argTypes[0] ?? 'object',
    validate: validateWith(base, (argTypes) =>
      argTypes.some((t) => t !== argTypes[0])
        ? `coalesce() arguments must all have the same type, but found ${argTypes.join(', ')}`
        : undefined,
    ),
  },
  create(ctx) {
    switch (ctx.argTypes.length) {
      case 1:
        return (a: unknown) => (a === undefined ? null : a);
      case 2:
        return (a: unknown, b: unknown) => a ?? b ?? null;
      case 3:
        return (a: unknown, b: unknown, c: unknown) => a ?? b ?? c ?? null;
      default:
        return first;
    }
  },
};
