/** `@sink(type='nats', destination='...')`: core NATS publish, or with `jetstream='true'` acknowledged JetStream publish. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SinkFactory } from '../../framework/transport.js';
import { JetStreamSink } from './jetstream-sink.js';
import { checkNatsOptions, connectionOptionSpecs } from './nats-connection.js';
import { NatsCoreSink } from './nats-core-sink.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'nats',
  description:
    "Publishes every mapped message to a NATS subject. With `jetstream='true'` each publish waits for the stream's acknowledgement and may carry a message id (`message.id='{{id}}'`, sent as Nats-Msg-Id) so the server drops duplicates; use `on.error='WAIT'` to hold and retry messages while the server is away.",
  parameters: [],
  options: [
    {
      name: 'destination',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: 'The subject to publish to; may hold `{{attr}}`.',
    },
    ...connectionOptionSpecs,
    {
      name: 'jetstream',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Publish through JetStream.',
    },
    {
      name: 'stream.name',
      type: ['string'],
      optional: true,
      description: 'JetStream stream to create over the destination when it does not exist.',
    },
    {
      name: 'message.id',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: 'JetStream message id (Nats-Msg-Id) for server-side de-duplication, e.g. {{orderId}}.',
    },
    {
      name: 'duplicate.window',
      type: ['int'],
      optional: true,
      defaultValue: '120000',
      description: 'Milliseconds the server remembers message ids (for a stream this sink creates).',
    },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: "Headers as `'Name:value','Name2:value2'`.",
    },
    {
      name: 'publish.timeout',
      type: ['int'],
      optional: true,
      defaultValue: '5000',
      description: 'JetStream: milliseconds to wait for the acknowledgement.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='nats', jetstream='true', destination='totals.{{region}}', stream.name='TOTALS', message.id='{{region}}-{{minute}}', on.error='WAIT', @map(type='json'))\ndefine stream Totals (region string, minute long, total double);",
      description: 'Stores each total once in stream TOTALS even when it is published again after a reconnect.',
    },
  ],
};

export const natsSink: SinkFactory = {
  spec,
  create: (ctx) => {
    checkNatsOptions(ctx.options, "sink 'nats'", (m) => ctx.logger.warn(m));
    return ctx.options.bool('jetstream', false) ? new JetStreamSink(ctx) : new NatsCoreSink(ctx);
  },
};
