/** Core NATS publish: fire and forget (the client buffers while it reconnects). */
import { headers as natsHeaders, type NatsConnection } from 'nats';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
} from '../../framework/transport.js';
import { payloadBytes } from '../shared/payload-bytes.js';
import { connectNats, natsEndpoint } from './nats-connection.js';
import { parseHeaders } from '../shared/header-list.js';

export class NatsCoreSink implements Sink {
  private nc: NatsConnection | undefined;

  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    return natsEndpoint(this.ctx.options, this.ctx.options.getOr('destination', ''));
  }

  async connect(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) return;
    this.nc = await connectNats(this.ctx.options, `tributary-${this.ctx.appName}-${this.ctx.streamId}-sink`);
  }

  publish(payload: unknown, meta: PublishMeta): void {
    const nc = this.nc;
    if (!nc || nc.isClosed()) throw new ConnectionUnavailableError('NATS connection is closed');
    const h = parseHeaders(meta.option('headers'));
    if (h.length === 0) {
      nc.publish(meta.option('destination') ?? '', payloadBytes(payload));
      return;
    }
    const hs = natsHeaders();
    for (const [k, v] of h) hs.append(k, v);
    nc.publish(meta.option('destination') ?? '', payloadBytes(payload), { headers: hs });
  }

  async disconnect(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
