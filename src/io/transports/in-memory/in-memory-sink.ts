/** `@sink(type='inMemory', topic='...')`: publishes each mapped message to a topic of the in-process broker. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkFactory,
} from '../../framework/transport.js';
import { inMemoryBroker } from './broker.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'inMemory',
  description:
    "Publishes every message (after the `@map` mapper) to a topic of the in-process broker, synchronously; `inMemory` sources and code subscribed to the topic receive it. A topic nobody subscribes to is an unavailable connection: the message goes to the sink's `on.error` handling (logged and dropped by default; `wait` holds it until a subscriber comes).",
  parameters: [],
  options: [
    {
      name: 'topic',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: 'The topic to publish to; may hold `{{attr}}` to pick the topic per event.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='{{symbol}}', @map(type='json'))\ndefine stream OutStream (symbol string, price float);",
      description: 'Publishes `{"event":{...}}` to the topic named by each event\'s symbol.',
    },
  ],
};

class InMemorySink implements Sink {
  readonly endpoint = 'inMemory';
  connect(): void {}
  publish(payload: unknown, meta: PublishMeta): void {
    const topic = meta.option('topic') ?? '';
    // As Siddhi's broker: publishing where nobody listens fails like a lost connection.
    if (inMemoryBroker.subscriberCount(topic) === 0) {
      throw new ConnectionUnavailableError(`Subscriber for topic '${topic}' is unavailable`);
    }
    inMemoryBroker.publish(topic, payload);
  }
  disconnect(): void {}
}

export const inMemorySink: SinkFactory = { spec, create: () => new InMemorySink() };
