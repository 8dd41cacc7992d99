/**
 * JetStream source (`jetstream='true'`): a pull consumer on the subject's stream, durable when `durable.name`
 * is set (it survives restarts of the app and of the server, and workers sharing it share the messages).
 * At-least-once: a message is acknowledged only after the app has processed it (the stream's queries ran
 * synchronously inside `deliver`) and what that set off has settled (sinks published, stores written); a message not acknowledged (a crash, a lost ack) is redelivered after
 * `ack.wait`. Pause holds the loop before the next message, leaving it unacknowledged on the server.
 */
import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
} from '../../framework/transport.js';
import { maskedMessage } from '../shared/mask-url.js';
import { PauseGate } from '../shared/pause-gate.js';
import { ensureStream } from './jetstream-streams.js';
import { connectNats, natsEndpoint, natsProperties, watchClosed } from './nats-connection.js';

export class JetStreamSource implements Source {
  private nc: NatsConnection | undefined;
  private messages: ConsumerMessages | undefined;
  private closing = false;
  private readonly gate = new PauseGate();
  private loop: Promise<void> | undefined;
  /** Processed messages whose sinks and stores have not settled yet. */
  private readonly unsettled = new Set<JsMsg>();

  constructor(
    private readonly ctx: SourceContext,
    private readonly subject: string,
  ) {}

  get endpoint(): string {
    return natsEndpoint(this.ctx.options, this.subject);
  }

  async connect(): Promise<void> {
    this.closing = false;
    const o = this.ctx.options;
    const nc = await connectNats(o, `tributary-${this.ctx.appName}-${this.ctx.streamId}`);
    const { AckPolicy, DeliverPolicy, nanos } = await import('nats');
    this.nc = nc;
    try {
      const jsm = await nc.jetstreamManager();
      const stream = await ensureStream(jsm, o, this.subject);
      if (stream === undefined) {
        throw new Error(`no JetStream stream holds subject '${this.subject}'; set stream.name='...' to create one`);
      }
      const durable = o.get('durable.name');
      const config = {
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: this.subject,
        ack_wait: nanos(o.number('ack.wait', 30000)),
        max_ack_pending: o.number('max.ack.pending', 1000),
        ...(durable ? { durable_name: durable } : { inactive_threshold: nanos(60000) }),
      };
      const info = durable
        ? await jsm.consumers.info(stream, durable).catch(() => jsm.consumers.add(stream, config))
        : await jsm.consumers.add(stream, config);
      const consumer = await nc.jetstream().consumers.get(stream, info.name);
      this.messages = await consumer.consume({ max_messages: o.number('batch.size', 256) });
    } catch (e) {
      await nc.close().catch(() => undefined);
      this.nc = undefined;
      throw new ConnectionUnavailableError(`JetStream consumer on '${this.subject}': ${maskedMessage(e)}`);
    }
    watchClosed(
      nc,
      () => this.closing,
      (e) => this.ctx.connectionLost(new Error(maskedMessage(e))),
    );
    const messages = this.messages;
    this.loop = this.run(messages);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        await this.gate.wait();
        if (this.closing) return; // unacknowledged: redelivered to the next consumer
        this.process(m);
      }
    } catch (e) {
      if (!this.closing) this.ctx.connectionLost(new Error(`JetStream consumer stopped: ${maskedMessage(e)}`));
    }
  }

  private process(m: JsMsg): void {
    const trp = natsProperties(m.subject, m.headers, {
      sequence: m.seq,
      redelivered: m.redelivered,
      'delivery.count': m.info.deliveryCount,
    });
    let settled: Promise<void> | undefined;
    try {
      settled = this.ctx.deliver(m.data, trp).settled;
    } catch (e) {
      // The app failed on it: let the server redeliver it later rather than losing it.
      m.nak(1000);
      this.ctx.reportError(`processing message ${m.seq} of '${m.subject}' failed: ${errorMessage(e)}`);
      return;
    }
    // Malformed messages were routed by on.error inside deliver; they are acknowledged too (no poison loop).
    // What the message set off asynchronously (sinks publishing, stores writing) finishes first.
    if (settled === undefined) {
      m.ack();
      return;
    }
    this.unsettled.add(m);
    settled.then(
      () => {
        if (this.unsettled.delete(m)) m.ack();
      },
      () => undefined, // abandoned: negatively acknowledged at disconnect
    );
  }

  pause(): void {
    this.gate.pause();
  }

  resume(): void {
    this.gate.resume();
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.gate.release();
    const nc = this.nc;
    const messages = this.messages;
    this.nc = undefined;
    this.messages = undefined;
    messages?.stop();
    await this.loop?.catch(() => undefined);
    this.loop = undefined;
    // Not yet published by the sinks: redelivered at once to the next consumer of the durable (at-least-once).
    for (const m of this.unsettled) m.nak();
    this.unsettled.clear();
    // drain flushes the acknowledgements already sent before closing
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
