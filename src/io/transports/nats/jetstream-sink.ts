/**
 * JetStream sink (`jetstream='true'`): publishes and waits for the server's acknowledgement, so a message
 * is stored before it counts as published. `message.id='{{id}}'` sets `Nats-Msg-Id`: the server drops a
 * message whose id it already stored within the stream's duplicate window, so retries after a reconnect
 * (and redelivered input) do not duplicate output. No acknowledgement (server away) is a
 * `ConnectionUnavailableError`: with `on.error='WAIT'` the framework queues and retries in order.
 */
import type { JetStreamClient, MsgHdrs, NatsConnection } from 'nats';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
} from '../../framework/transport.js';
import { parseHeaders } from '../shared/header-list.js';
import { maskedMessage } from '../shared/mask-url.js';
import { payloadBytes } from '../shared/payload-bytes.js';
import { ensureStream } from './jetstream-streams.js';
import { connectNats, natsEndpoint } from './nats-connection.js';

export class JetStreamSink implements Sink {
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  /** The library's `headers()`, taken at connect (the library is imported then). */
  private natsHeaders: (() => MsgHdrs) | undefined;
  /** Messages the server reported as duplicates (dropped by id). */
  duplicates = 0;

  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    return natsEndpoint(this.ctx.options, this.ctx.options.getOr('destination', ''));
  }

  async connect(): Promise<void> {
    if (this.nc && !this.nc.isClosed() && this.js) return;
    const nc = await connectNats(this.ctx.options, `tributary-${this.ctx.appName}-${this.ctx.streamId}-sink`);
    const { headers } = await import('nats');
    this.natsHeaders = headers;
    try {
      if (this.ctx.options.get('stream.name') !== undefined) {
        const dest = this.ctx.options.get('destination');
        // A dynamic destination ('orders.{{region}}') is covered by its wildcard ('orders.*').
        const subjects =
          dest === undefined
            ? undefined
            : this.ctx.dynamicOptions.has('destination')
              ? dest
                  .split('.')
                  .map((token) => (token.includes('{{') ? '*' : token))
                  .join('.')
              : dest;
        await ensureStream(await nc.jetstreamManager(), this.ctx.options, subjects);
      }
    } catch (e) {
      await nc.close().catch(() => undefined);
      throw new ConnectionUnavailableError(`JetStream stream: ${maskedMessage(e)}`);
    }
    this.nc = nc;
    this.js = nc.jetstream({ timeout: this.ctx.options.number('publish.timeout', 5000) });
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const js = this.js;
    if (!js || !this.nc || this.nc.isClosed()) throw new ConnectionUnavailableError('NATS connection is closed');
    const subject = meta.option('destination') ?? '';
    const msgID = meta.option('message.id');
    const h = parseHeaders(meta.option('headers'));
    let headers;
    if (h.length > 0 && this.natsHeaders) {
      headers = this.natsHeaders();
      for (const [k, v] of h) headers.append(k, v);
    }
    try {
      const ack = await js.publish(subject, payloadBytes(payload), {
        ...(msgID ? { msgID } : {}),
        ...(headers ? { headers } : {}),
      });
      if (ack.duplicate) this.duplicates++;
    } catch (e) {
      // timeouts, "no responders" (server or stream away), a closed connection: all retried under WAIT
      throw new ConnectionUnavailableError(`JetStream publish to '${subject}' failed: ${maskedMessage(e)}`, {
        cause: e,
      });
    }
  }

  async disconnect(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    this.js = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
