/** Core NATS publish: fire and forget (the client buffers while it reconnects). */
import type { MsgHdrs, NatsConnection } from 'nats';
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
  /** The library's `headers()`, taken at connect (the library is imported then). */
  private natsHeaders: (() => MsgHdrs) | undefined;

  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    return natsEndpoint(this.ctx.options, this.ctx.options.getOr('destination', ''));
  }

  async connect(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) return;
    const { headers } = await import('nats');
    this.natsHeaders = headers;
    this.nc = await connectNats(this.ctx.options, `tributary-${this.ctx.appName}-${this.ctx.streamId}-sink`);
  }

  publish(payload: unknown, meta: PublishMeta): void {
    const nc = this.nc;
    if (!nc || nc.isClosed()) throw new ConnectionUnavailableError('NATS connection is closed');
    const h = parseHeaders(meta.option('headers'));
    if (h.length === 0 || !this.natsHeaders) {
      nc.publish(meta.option('destination') ?? '', payloadBytes(payload));
      return;
    }
    const hs = this.natsHeaders();
    for (const [k, v] of h) hs.append(k, v);
    nc.publish(meta.option('destination') ?? '', payloadBytes(payload), { headers: hs });
  }

  async disconnect(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
