/** The OpenAPI paths of the batched, idempotent ingest API (part of the server's document). */

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const error = (description: string): Schema => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const path = (name: string, description: string): Schema => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const params = [path('name', "the app's @app:name"), path('stream', 'a stream the app defines')];
const producerParam = path('producer', 'the producer id');
const authErrors = { '401': error('credentials missing or wrong'), '403': error('the user may only read') };
const event: Schema = {
  oneOf: [
    { type: 'array', items: {}, description: "the values in the order of the stream's attributes" },
    {
      type: 'object',
      properties: {
        timestamp: { type: 'integer', description: 'epoch ms (default: the app clock now)' },
        data: { type: 'array', items: {} },
      },
      required: ['data'],
    },
  ],
};
const position: Schema = {
  type: 'object',
  properties: {
    producer: { type: 'string' },
    sequence: { type: 'integer', description: 'highest sequence applied (0: none)' },
    events: { type: 'integer', description: 'events in the applied batches' },
    updatedAt: { type: 'integer', description: 'epoch ms of the last applied batch (0: none)' },
  },
};

export function streamIngestPaths(): Record<string, unknown> {
  return {
    '/siddhi-apps/{name}/streams/{stream}/events': {
      post: {
        summary: 'Send a batch of events into a stream, once per (producer, sequence)',
        description:
          "Every event is checked and converted to the stream's attribute types (strings are converted), then " +
          'the batch is sent as one chunk. Sequences of a producer are 1, 2, 3...: a batch already applied is ' +
          'answered {duplicate: true} without sending it again; one that arrives before its predecessor waits ' +
          "for it (up to 10 s, then 409 with `expected`). The ledger is kept in the server's SQLite database. " +
          'A JSON-lines body (application/x-ndjson, one event a line) takes producer and sequence from the ' +
          'x-producer and x-sequence headers.',
        parameters: [
          ...params,
          { name: 'x-producer', in: 'header', schema: { type: 'string' }, description: 'JSON-lines bodies only' },
          { name: 'x-sequence', in: 'header', schema: { type: 'integer' }, description: 'JSON-lines bodies only' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  producer: { type: 'string', minLength: 1, maxLength: 200 },
                  sequence: { type: 'integer', minimum: 1 },
                  events: { type: 'array', items: event },
                },
                required: ['producer', 'sequence', 'events'],
              },
            },
            'application/x-ndjson': { schema: { type: 'string' } },
          },
        },
        responses: {
          '200': {
            description: 'applied ({accepted, sequence}) or already applied ({duplicate: true, sequence, highest})',
            content: json({
              type: 'object',
              properties: {
                accepted: { type: 'integer' },
                sequence: { type: 'integer' },
                duplicate: { type: 'boolean' },
                highest: { type: 'integer' },
              },
            }),
          },
          '400': error('a bad body or event: `index`, `attribute` and `expected` name it; nothing was sent'),
          '404': error('no such app or stream'),
          '409': error('the predecessor batch did not arrive in time; `expected` is the sequence wanted'),
          '415': error('neither application/json nor application/x-ndjson'),
          ...authErrors,
        },
      },
    },
    '/siddhi-apps/{name}/streams/{stream}': {
      get: {
        summary: "A defined stream's attributes, in order",
        parameters: params,
        responses: {
          '200': {
            description: 'the attributes',
            content: json({
              type: 'object',
              properties: {
                app: { type: 'string' },
                stream: { type: 'string' },
                attributes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { name: { type: 'string' }, type: { type: 'string' } },
                  },
                },
              },
            }),
          },
          '400': error('the stream is not declared with define stream (its attributes are inferred)'),
          '404': error('no such app or stream'),
          ...authErrors,
        },
      },
    },
    '/siddhi-apps/{name}/streams/{stream}/producers': {
      get: {
        summary: 'The producers that sent into a stream, with how far each got',
        parameters: params,
        responses: {
          '200': { description: 'positions', content: json({ type: 'array', items: position }) },
          '404': error('no such app or stream'),
          ...authErrors,
        },
      },
    },
    '/siddhi-apps/{name}/streams/{stream}/producers/{producer}': {
      get: {
        summary: "A producer's position (sequence 0 when it sent nothing)",
        parameters: [...params, producerParam],
        responses: {
          '200': { description: 'position', content: json(position) },
          '404': error('no such app or stream'),
          ...authErrors,
        },
      },
      delete: {
        summary: 'Forget a producer: its next batch is sequence 1 again',
        parameters: [...params, producerParam],
        responses: {
          '200': { description: 'forgotten', content: json({ $ref: '#/components/schemas/Success' }) },
          '404': error('the producer sent nothing into that stream'),
          ...authErrors,
        },
      },
    },
  };
}
