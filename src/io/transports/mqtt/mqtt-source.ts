/**
 * `@source(type='mqtt', url=..., topic=...)`: subscribes with the given QoS (topic filters with `+`/`#`).
 * The client reconnects and resubscribes by itself; with QoS 1 the broker's message is acknowledged once
 * the app processed it and what that set off settled (sinks published, stores written). QoS 2 completes its
 * handshake the same way after mqtt.js has stored the message (in memory: a crash between PUBREC and
 * processing loses it, as with any in-memory MQTT session store).
 */
import type { MqttClient } from 'mqtt';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';
import { brokerUrl, clientOptions, mqttOptionSpecs, qosOf } from './mqtt-options.js';
import { Fifo } from '../../../engine/runtime/fifo.js';

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

interface Settle {
  resolve(): void;
  reject(e: Error): void;
}

class MqttSource implements Source {
  private client: MqttClient | undefined;
  private paused = false;
  private readonly held = new Fifo<{ payload: Buffer; trp: Map<string, unknown>; settle: Settle }>();
  /** Per received packet, what its acknowledgement waits for (the app's sinks and stores settling). */
  private readonly settling = new WeakMap<object, Promise<void>>();

  constructor(private readonly ctx: SourceContext) {}

  get endpoint(): string {
    return `${maskUrl(brokerUrl(this.ctx.options))}/${this.ctx.options.getOr('topic', '')}`;
  }

  async connect(): Promise<void> {
    const o = this.ctx.options;
    const topic = o.getOr('topic', '');
    const qos = qosOf(o);
    const { connectAsync } = await import('mqtt');
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
      if (this.paused) {
        let settle!: Settle;
        const held = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
        held.catch(() => undefined);
        this.held.push({ payload, trp, settle });
        this.settling.set(packet, held);
        return;
      }
      const { settled } = this.ctx.deliver(payload, trp);
      if (settled) this.settling.set(packet, settled);
    });
    // mqtt.js sends PUBACK (QoS 1) once this calls back, and hands over one message at a time meanwhile.
    client.handleMessage = (packet, callback) => {
      const settled = this.settling.get(packet);
      if (settled === undefined) return callback();
      this.settling.delete(packet);
      settled.then(
        () => callback(),
        () => undefined, // abandoned at shutdown: never acknowledged, the broker redelivers it
      );
    };
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
    while (!this.paused && this.held.size > 0) {
      const m = this.held.shift()!;
      try {
        const { settled } = this.ctx.deliver(m.payload, m.trp);
        if (settled) settled.then(m.settle.resolve, m.settle.reject);
        else m.settle.resolve();
      } catch (e) {
        m.settle.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    for (const m of this.held.drain()) m.settle.reject(new Error('source stopped'));
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
