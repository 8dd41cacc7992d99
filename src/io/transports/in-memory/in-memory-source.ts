/** `@source(type='inMemory', topic='...')`: receives the messages published to a topic of the in-process broker. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { inMemoryBroker } from './broker.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'inMemory',
  description:
    'Receives messages published to a topic of the in-process broker (by an `inMemory` sink or by code), one message at a time, through the `@map` mapper.',
  parameters: [],
  options: [{ name: 'topic', type: ['string'], optional: false, description: 'The topic to subscribe to.' }],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='Stocks', @map(type='passThrough'))\ndefine stream StockStream (symbol string, price float);",
      description: 'Receives the event data published to topic `Stocks`.',
    },
  ],
};

class InMemorySource implements Source {
  private unsubscribe: (() => void) | undefined;
  constructor(
    private readonly ctx: SourceContext,
    private readonly topic: string,
  ) {}

  get endpoint(): string {
    return `inMemory:${this.topic}`;
  }

  connect(): void {
    this.unsubscribe ??= inMemoryBroker.subscribe(this.topic, (m) => void this.ctx.deliver(m));
  }

  disconnect(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

export const inMemorySource: SourceFactory = {
  spec,
  create: (ctx) => new InMemorySource(ctx, ctx.options.getOr('topic', '')),
};
