/** `UUID()`: a random (version 4) UUID string per call. */
import { randomUUID } from 'node:crypto';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'UUID',
  description: 'Generates a UUID (Universally Unique Identifier).',
  parameters: [],
  returns: { type: ['string'], description: 'A random UUID string.' },
  examples: [
    {
      syntax:
        "from TempStream select convert(roomNo, 'string') as roomNo, UUID() as messageID insert into RoomTempStream;",
      description: 'Gives each event a message ID.',
    },
  ],
};

function uuid(): string {
  return randomUUID();
}

export const uuidFunction: FunctionImpl = {
  spec: { ...base, returnTypeOf: () => 'string', validate: validateWith(base) },
  create() {
    return uuid;
  },
};
