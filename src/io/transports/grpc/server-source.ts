/**
 * What the `grpc` and `grpc-service` sources share: the receiver.url, the server options, and the shared
 * EventService server (event-server.ts) they subscribe their stream to while connected.
 */
import type { Source, SourceContext } from '../../framework/transport.js';
import { URL_SERVICE_NAME, type EventMethod } from './event-service.js';
import {
  subscribe,
  unsubscribe,
  type ConsumeSubscriber,
  type EventServer,
  type ProcessSubscriber,
  type ServerConfig,
} from './event-server.js';
import { checkTextMapper, serverChannelOptions } from './grpc-options.js';
import { serverTls } from './grpc-tls.js';
import { hostPort, parseGrpcUrl, type GrpcUrl } from './grpc-url.js';

export abstract class ServerSource implements Source {
  protected readonly url: GrpcUrl;
  private readonly config: ServerConfig;
  private server: EventServer | undefined;

  constructor(
    protected readonly ctx: SourceContext,
    private readonly method: EventMethod,
    type: string,
  ) {
    checkTextMapper(ctx.mapType);
    const o = ctx.options;
    this.url = parseGrpcUrl('receiver.url', o.get('receiver.url') ?? '', method, `${type} source`);
    const shutdownMs = o.number('server.shutdown.waiting.time', 5000);
    if (!(shutdownMs >= 0)) throw new Error('server.shutdown.waiting.time must be a number of ms, 0 or more');
    this.config = {
      tls: serverTls(o, (m) => ctx.logger.warn(`${type} source of stream '${ctx.streamId}': ${m}`)),
      options: serverChannelOptions(o),
      shutdownMs,
    };
  }

  /** Subscribed to the server as its `method` handler for this stream. */
  protected abstract readonly subscriber: ConsumeSubscriber | ProcessSubscriber;

  get endpoint(): string | undefined {
    const s = this.server;
    return s ? `grpc://${hostPort(this.url.host, s.port)}/${URL_SERVICE_NAME}/${this.method}` : undefined;
  }

  async connect(): Promise<void> {
    if (this.server) return;
    this.server = await subscribe(
      this.url.host,
      this.url.port,
      this.config,
      this.method,
      this.ctx.streamId,
      this.subscriber,
      this.ctx.logger,
    );
  }

  async disconnect(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await unsubscribe(s, this.method, this.ctx.streamId, this.subscriber);
  }
}
