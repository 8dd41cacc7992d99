/** Core NATS subscription (at-most-once): subjects with `*`/`>` wildcards, optional queue group. */
import type { NatsConnection, Subscription } from 'nats';
import type { Source, SourceContext } from '../../framework/transport.js';
import { maskedMessage } from '../shared/mask-url.js';
import { connectNats, natsEndpoint, natsProperties, watchClosed } from './nats-connection.js';
import { Fifo } from '../../../engine/runtime/fifo.js';

export class NatsCoreSource implements Source {
  private nc: NatsConnection | undefined;
  private sub: Subscription | undefined;
  private closing = false;
  private paused = false;
  private readonly held = new Fifo<{ data: Uint8Array; trp: Map<string, unknown> }>();

  constructor(
    private readonly ctx: SourceContext,
    private readonly subject: string,
  ) {}

  get endpoint(): string {
    return natsEndpoint(this.ctx.options, this.subject);
  }

  async connect(): Promise<void> {
    this.closing = false;
    const nc = await connectNats(this.ctx.options, `tributary-${this.ctx.appName}-${this.ctx.streamId}`);
    this.nc = nc;
    watchClosed(
      nc,
      () => this.closing,
      (e) => this.ctx.connectionLost(new Error(maskedMessage(e))),
    );
    const queue = this.ctx.options.get('queue.group.name');
    this.sub = nc.subscribe(this.subject, {
      ...(queue ? { queue } : {}),
      callback: (err, msg) => {
        if (err) {
          this.ctx.reportError(`subscription to '${this.subject}' failed: ${maskedMessage(err)}`);
          return;
        }
        const trp = natsProperties(msg.subject, msg.headers, msg.reply ? { reply: msg.reply } : {});
        if (this.paused) this.held.push({ data: msg.data, trp });
        else this.ctx.deliver(msg.data, trp);
      },
    });
    await nc.flush();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && this.held.size > 0) {
      const m = this.held.shift()!;
      this.ctx.deliver(m.data, m.trp);
    }
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    const nc = this.nc;
    this.nc = undefined;
    this.sub = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
