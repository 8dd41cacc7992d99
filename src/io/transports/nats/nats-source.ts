/**
 * `@source(type='nats', destination='orders.>', ...)`: core NATS subscription (subject wildcards, queue
 * groups), or with `jetstream='true'` a JetStream consumer acknowledging after processing (at-least-once).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SourceFactory } from '../../framework/transport.js';
import { JetStreamSource } from './jetstream-source.js';
import { checkNatsOptions, connectionOptionSpecs } from './nats-connection.js';
import { NatsCoreSource } from './nats-core-source.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'nats',
  description:
    "Receives messages from NATS subjects. Core NATS (default) is at-most-once; `jetstream='true'` reads the subject's JetStream stream through a (durable) pull consumer and acknowledges each message only after the app processed it, so a crash or a lost acknowledgement redelivers it (at-least-once). The client reconnects by itself.",
  parameters: [],
  options: [
    {
      name: 'destination',
      type: ['string'],
      optional: false,
      description: 'The subject to subscribe to; `*` matches one token, `>` the rest (e.g. orders.>).',
    },
    ...connectionOptionSpecs,
    {
      name: 'queue.group.name',
      type: ['string'],
      optional: true,
      description: 'Core NATS queue group: subscribers of one group share the messages (each goes to one of them).',
    },
    {
      name: 'jetstream',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Read through JetStream.',
    },
    {
      name: 'stream.name',
      type: ['string'],
      optional: true,
      description: 'JetStream stream (created over the subject when missing); default: the stream holding the subject.',
    },
    {
      name: 'durable.name',
      type: ['string'],
      optional: true,
      description: 'JetStream durable consumer: keeps its position across restarts; apps sharing it share the work.',
    },
    {
      name: 'ack.wait',
      type: ['int'],
      optional: true,
      defaultValue: '30000',
      description: 'JetStream: milliseconds before an unacknowledged message is redelivered.',
    },
    {
      name: 'max.ack.pending',
      type: ['int'],
      optional: true,
      defaultValue: '1000',
      description: 'JetStream: how many delivered messages may await their acknowledgement at once.',
    },
    {
      name: 'batch.size',
      type: ['int'],
      optional: true,
      defaultValue: '256',
      description: 'JetStream: messages pulled ahead.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='nats', destination='orders.*', queue.group.name='workers', server.urls='nats://localhost:4222', @map(type='json'))\ndefine stream Orders (id string, amount double);",
      description: 'Shares the JSON messages of orders.<anything> with the other members of queue group workers.',
    },
    {
      syntax:
        "@source(type='nats', jetstream='true', destination='orders.new', stream.name='ORDERS', durable.name='billing', @map(type='json'))\ndefine stream Orders (id string, amount double);",
      description: 'Reads stream ORDERS with the durable consumer billing, acknowledging each message once processed.',
    },
  ],
};

export const natsSource: SourceFactory = {
  spec,
  create: (ctx) => {
    const subject = ctx.options.getOr('destination', '');
    if (subject.trim() === '') throw new Error("nats source needs destination='<subject>'");
    checkNatsOptions(ctx.options, "source 'nats'", (m) => ctx.logger.warn(m));
    return ctx.options.bool('jetstream', false) ? new JetStreamSource(ctx, subject) : new NatsCoreSource(ctx, subject);
  },
};
