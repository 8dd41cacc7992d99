/**
 * `eventTimestamp()` / `eventTimestamp(e1)`: the timestamp of the event being processed, or of the
 * referenced event. The code generator resolves which event and passes its timestamp as the one
 * argument of the closure; the closure returns it.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'eventTimestamp',
  description: 'Returns the timestamp of the processed event, or of the referenced event.',
  parameters: [
    {
      name: 'event',
      type: ['object'],
      optional: true,
      defaultValue: 'Current Event',
      description: 'A reference to an event (a stream alias or pattern event).',
    },
  ],
  signatures: [[], ['event']],
  returns: { type: ['long'], description: 'The timestamp of the event.' },
  examples: [
    {
      syntax: 'from FooStream select symbol as name, eventTimestamp() as eventTimestamp insert into BarStream;',
      description: "The current event's timestamp.",
    },
    {
      syntax:
        'from FooStream as f join FooBarTable as fb select fb.symbol as name, eventTimestamp(f) as eventTimestamp insert into BarStream;',
      description: "The FooStream event's timestamp.",
    },
  ],
};

export const eventTimestampFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: () => 'long',
    validate: (argTypes) =>
      argTypes.length > 1
        ? `eventTimestamp() takes at most one event reference, but ${argTypes.length} arguments were given`
        : undefined,
  },
  create() {
    return (timestamp: unknown) => (timestamp === undefined ? null : timestamp);
  },
};
