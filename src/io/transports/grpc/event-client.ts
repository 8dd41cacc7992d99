/**
 * The EventService client of the `grpc` and `grpc-call` sinks: one @grpc/grpc-js channel per sink, the Event
 * of each message (payload, `headers` and the URL's `sequence`), call metadata, a deadline per call, and the
 * failures that count as a lost connection (UNAVAILABLE, DEADLINE_EXCEEDED): those reject with
 * `ConnectionUnavailableError` and drop the channel, so the sink's reconnect (with the app's backoff) dials
 * afresh instead of waiting out gRPC's own reconnect backoff.
 */
import type { Client, Metadata, ServiceError } from '@grpc/grpc-js';
import { ConnectionUnavailableError, type PublishMeta, type SinkContext } from '../../framework/transport.js';
import { maskedMessage } from '../shared/mask-url.js';
import { eventService, grpcLibrary, type EventMethod, type WireEvent } from './event-service.js';
import { channelOptions, checkTextMapper, metadataPairs, namedValues, payloadText } from './grpc-options.js';
import { clientTls, type ClientTls } from './grpc-tls.js';
import { hostPort, parseGrpcUrl, type GrpcUrl } from './grpc-url.js';

export class EventClient {
  readonly url: GrpcUrl;
  private client: Client | undefined;
  private readonly tls: ClientTls | undefined;
  private readonly options: Record<string, number>;
  private readonly timeoutMs: number;
  /** Static headers (with the sequence), or undefined when `headers` holds `{{attr}}`. */
  private readonly headers: Record<string, string> | undefined;
  /** Static metadata pairs, or undefined when `metadata` holds `{{attr}}`. */
  private readonly metadataPairs: [string, string][] | undefined;

  constructor(
    private readonly ctx: SinkContext,
    private readonly method: EventMethod,
    type: string,
  ) {
    checkTextMapper(ctx.mapType);
    const o = ctx.options;
    this.url = parseGrpcUrl('publisher.url', o.get('publisher.url') ?? '', method, `${type} sink`);
    this.tls = clientTls(o, (m) => ctx.logger.warn(`${type} sink of stream '${ctx.streamId}': ${m}`));
    this.options = channelOptions(o);
    this.timeoutMs = o.number('request.timeout', 30000);
    if (!(this.timeoutMs > 0)) throw new Error(`request.timeout must be a positive number of ms`);
    this.headers = ctx.dynamicOptions.has('headers') ? undefined : this.headersOf(o.get('headers'));
    this.metadataPairs = ctx.dynamicOptions.has('metadata') ? undefined : metadataPairs(o.get('metadata'));
  }

  /** Opens the channel (gRPC connects on the first call). */
  connect(): void {
    if (this.client) return;
    const grpc = grpcLibrary();
    const t = this.tls;
    const credentials = t
      ? grpc.credentials.createSsl(t.rootCerts, t.key, t.certChain)
      : grpc.credentials.createInsecure();
    this.client = new grpc.Client(hostPort(this.url.host, this.url.port), credentials, this.options);
  }

  /** Closes the channel; calls in flight finish. */
  close(): void {
    this.client?.close();
    this.client = undefined;
  }

  /** The Event message of one mapped payload. */
  event(payload: unknown, meta: PublishMeta): WireEvent {
    return { payload: payloadText(payload), headers: this.headers ?? this.headersOf(meta.option('headers')) };
  }

  /** Calls `process` with one Event; resolves with the reply. */
  process(event: WireEvent, meta: PublishMeta): Promise<WireEvent> {
    const def = eventService().service['process']!;
    const client = this.open();
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        event,
        this.metadata(meta),
        { deadline: Date.now() + this.timeoutMs },
        (e: ServiceError | null, reply?: unknown) => {
          if (e) reject(this.failure(client, e));
          else resolve(reply as WireEvent);
        },
      );
    });
  }

  /**
   * Calls `consume` with one Event and ends the request stream; resolves when the server has answered (with
   * Empty). One call per message, so that each message is acknowledged (see grpc-sink.ts).
   */
  consume(event: WireEvent, meta: PublishMeta): Promise<void> {
    const def = eventService().service['consume']!;
    const client = this.open();
    return new Promise((resolve, reject) => {
      const call = client.makeClientStreamRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        this.metadata(meta),
        { deadline: Date.now() + this.timeoutMs },
        (e: ServiceError | null) => {
          if (e) reject(this.failure(client, e));
          else resolve();
        },
      );
      call.write(event);
      call.end();
    });
  }

  private open(): Client {
    if (!this.client) throw new ConnectionUnavailableError(`not connected to ${this.url.text}`);
    return this.client;
  }

  private failure(client: Client, e: ServiceError): Error {
    const { status } = grpcLibrary();
    const message = `${this.method} call to ${this.url.text} failed: ${maskedMessage(e)}`;
    if (e.code !== status.UNAVAILABLE && e.code !== status.DEADLINE_EXCEEDED) return new Error(message);
    // Dial afresh on the next connect rather than wait out the channel's reconnect backoff.
    if (e.code === status.UNAVAILABLE && this.client === client) this.close();
    return new ConnectionUnavailableError(message, { cause: e });
  }

  private headersOf(text: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [k, v] of namedValues('headers', text)) headers[k] = v;
    if (this.url.sequence !== undefined) headers['sequence'] = this.url.sequence;
    return headers;
  }

  private metadata(meta: PublishMeta): Metadata {
    const grpc = grpcLibrary();
    const md = new grpc.Metadata();
    for (const [k, v] of this.metadataPairs ?? metadataPairs(meta.option('metadata'))) {
      md.set(k, k.endsWith('-bin') ? Buffer.from(v) : v);
    }
    return md;
  }
}
