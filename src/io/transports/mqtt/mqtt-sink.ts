/**
 * `@sink(type='mqtt', url=..., topic=...)`: publishes with the chosen QoS and retain flag; QoS 1/2 publishes
 * resolve when the broker acknowledged them. While the client is reconnecting a publish is a
 * `ConnectionUnavailableError` (retried in order under `on.error='WAIT'`).
 */
import type { MqttClient } from 'mqtt';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';
import { payloadBuffer } from '../shared/payload-bytes.js';
import { brokerUrl, clientOptions, mqttOptionSpecs, qosOf } from './mqtt-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'mqtt',
  description: 'Publishes every mapped message to an MQTT topic with the chosen quality of service and retain flag.',
  parameters: [],
  options: [
    ...mqttOptionSpecs,
    { name: 'topic', type: ['string'], optional: false, dynamic: true, description: 'The topic; may hold `{{attr}}`.' },
    {
      name: 'message.retain',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      dynamic: true,
      description: 'The broker keeps the last message of the topic for new subscribers; may hold `{{attr}}`.',
    },
    {
      name: 'retain',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Older name of message.retain.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='mqtt', url='tcp://localhost:1883', topic='alerts/{{room}}', quality.of.service='1', message.retain='true', @map(type='json'))\ndefine stream Alerts (room string, value double);",
      description: 'Publishes the latest alert of each room as a retained message.',
    },
  ],
};

class MqttSink implements Sink {
  private client: MqttClient | undefined;
  private readonly qos: 0 | 1 | 2;

  constructor(private readonly ctx: SinkContext) {
    this.qos = qosOf(ctx.options);
  }

  get endpoint(): string {
    return `${maskUrl(brokerUrl(this.ctx.options))}/${this.ctx.options.getOr('topic', '')}`;
  }

  async connect(): Promise<void> {
    if (this.client) return;
    const o = this.ctx.options;
    const { connectAsync } = await import('mqtt');
    try {
      const client = await connectAsync(
        brokerUrl(o),
        clientOptions(o, `tributary-${this.ctx.appName}-${this.ctx.streamId}-sink`.slice(0, 64)),
      );
      client.on('error', () => undefined); // surfaces as a failed publish
      this.client = client;
    } catch (e) {
      throw new ConnectionUnavailableError(
        `cannot connect to MQTT ${maskUrl(brokerUrl(o))}: ${redact(maskedMessage(e), [o.get('password')])}`,
      );
    }
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const c = this.client;
    if (!c || !c.connected) throw new ConnectionUnavailableError('MQTT client is not connected');
    try {
      await c.publishAsync(meta.option('topic') ?? '', payloadBuffer(payload), {
        qos: this.qos,
        retain:
          (meta.option('message.retain') ?? this.ctx.options.getOr('retain', 'false')).trim().toLowerCase() === 'true',
      });
    } catch (e) {
      throw new ConnectionUnavailableError(`MQTT publish failed: ${maskedMessage(e)}`);
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync().catch(() => undefined);
  }
}

export const mqttSink: SinkFactory = { spec, create: (ctx) => new MqttSink(ctx) };
