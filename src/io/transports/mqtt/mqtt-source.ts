/**
 * `@source(type='mqtt', url=..., topic=...)`: subscribes with the given QoS (topic filters with `+`/`#`).
 * The client reconnects and resubscribes by itself; with QoS 1/2 the broker's message is acknowledged
 * after the handler (which runs the app synchronously) returns.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';
import { brokerUrl, clientOptions, mqttOptionSpecs, qosOf } from './mqtt-options.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'mqtt',
  description:
    "Subscribes to an MQTT topic filter with the chosen quality of service; reconnects and resubscribes by itself. With `clean.session='false'` and a fixed `client.id` the broker keeps QoS 1/2 messages for the client while it is away.",
  parameters: [],
  options: [
    ...mqttOptionSpecs,
    {
      name: 'topic',
      type: ['string'],
      optional: false,
      description: 'Topic filter, e.g. sensors/+/temperature or sensors/#.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='mqtt', url='tcp://localhost:1883', topic='sensors/+/temp', quality.of.service='1', @map(type='json'))\ndefine stream Temps (room string, value double);",
      description: 'Reads JSON temperature readings of every room.',
    },
  ],
};

class MqttSource implements Source {
  private client: MqttClient | undefined;
  private paused = false;
  private readonly held: { payload: Buffer; trp: Map<string, unknown> }[] = [];

  constructor(private readonly ctx: SourceContext) {}

  get endpoint(): string {
    return `${maskUrl(brokerUrl(this.ctx.options))}/${this.ctx.options.getOr('topic', '')}`;
  }

  async connect(): Promise<void> {
    const o = this.ctx.options;
    const topic = o.getOr('topic', '');
    const qos = qosOf(o);
    let client: MqttClient;
    try {
      client = await connectAsync(brokerUrl(o), {
        ...clientOptions(o, `tributary-${this.ctx.appName}-${this.ctx.streamId}`.slice(0, 64)),
        resubscribe: true,
      });
    } catch (e) {
      throw new ConnectionUnavailableError(
        `cannot connect to MQTT ${maskUrl(brokerUrl(o))}: ${redact(maskedMessage(e), [o.get('password')])}`,
      );
    }
    client.on('error', (e) => this.ctx.reportError(`MQTT: ${redact(maskedMessage(e), [o.get('password')])}`));
    client.on('message', (t, payload, packet) => {
      const trp = new Map<string, unknown>([
        ['topic', t],
        ['qos', packet.qos],
        ['retain', packet.retain],
        ['dup', packet.dup],
      ]);
      if (this.paused) this.held.push({ payload, trp });
      else this.ctx.deliver(payload, trp);
    });
    try {
      await client.subscribeAsync(topic, { qos });
    } catch (e) {
      await client.endAsync(true).catch(() => undefined);
      throw new ConnectionUnavailableError(`MQTT subscribe to '${topic}' failed: ${maskedMessage(e)}`);
    }
    this.client = client;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && this.held.length > 0) {
      const m = this.held.shift()!;
      this.ctx.deliver(m.payload, m.trp);
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync().catch(() => undefined);
  }
}

export const mqttSource: SourceFactory = {
  spec,
  create: (ctx) => {
    qosOf(ctx.options);
    return new MqttSource(ctx);
  },
};
