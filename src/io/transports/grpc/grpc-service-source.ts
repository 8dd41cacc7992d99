/**
 * `@source(type='grpc-service', receiver.url='grpc://host:port/org.wso2.grpc.EventService/process',
 * source.id='x', service.timeout, @map(...))`: serves EventService's `process` method. Each Event whose
 * `stream.id` header names this source's stream gets a message id (transport property `trp:message.id`) and
 * its call is held until a `grpc-service-response` sink with the same `source.id` answers it
 * (`message.id='{{messageId}}'`), or `service.timeout` ms pass: then the client gets DEADLINE_EXCEEDED. An
 * Event nothing could be mapped from gets INVALID_ARGUMENT at once (Siddhi lets it time out); calls still
 * held when the app stops get UNAVAILABLE. The timeout runs on the wall clock: it bounds a real client's
 * wait, not engine time.
 */
import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SourceContext, SourceFactory } from '../../framework/transport.js';
import { grpcServices, type ServiceResponder } from './correlation.js';
import type { ProcessSubscriber } from './event-server.js';
import { grpcLibrary, type WireEvent } from './event-service.js';
import { serverOptions, sourcePayload } from './grpc-options.js';
import { ServerSource } from './server-source.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'grpc-service',
  description:
    "Runs a gRPC server for the `process` method of siddhi-io-grpc's EventService: maps every `Event` whose `stream.id` header names this source's stream and holds its call until a `grpc-service-response` sink with the same `source.id` answers it. The call's message id is the transport property `trp:message.id`; the Event's headers and the call's metadata are `trp:<name>`. Only the default EventService is supported, not generic services.",
  parameters: [],
  options: [
    ...serverOptions('process'),
    {
      name: 'source.id',
      type: ['string'],
      optional: false,
      description: 'Ties the source to the `grpc-service-response` sinks (same `source.id`) that answer its calls.',
    },
    {
      name: 'service.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '10000',
      description: 'Milliseconds a call waits for its answer; then the client gets DEADLINE_EXCEEDED.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='grpc-service', receiver.url='grpc://0.0.0.0:8888/org.wso2.grpc.EventService/process', source.id='echo', @map(type='json', @attributes(messageId='trp:message.id', message='message')))\ndefine stream FooStream (messageId string, message string);\n@sink(type='grpc-service-response', source.id='echo', message.id='{{messageId}}', @map(type='json'))\ndefine stream BarStream (messageId string, message string);\nfrom FooStream select * insert into BarStream;",
      description:
        'A client calling `process` with the header `stream.id` = \'FooStream\' and the payload `{"message":"hi"}` gets back an Event whose payload is `{"event":{"messageId":"...","message":"hi"}}`.',
    },
  ],
};

interface Held {
  readonly reply: sendUnaryData<WireEvent>;
  readonly timer: NodeJS.Timeout;
}

function failure(code: number, details: string): Partial<ServiceError> {
  return { code, details };
}

class GrpcServiceSource extends ServerSource implements ProcessSubscriber, ServiceResponder {
  protected readonly subscriber: ProcessSubscriber = this;
  readonly timeoutMs: number;
  private readonly sourceId: string;
  private readonly held = new Map<string, Held>();

  constructor(ctx: SourceContext) {
    super(ctx, 'process', 'grpc-service');
    this.sourceId = ctx.options.get('source.id') ?? '';
    if (this.sourceId.trim() === '') throw new Error("grpc-service needs a non-empty source.id, e.g. source.id='echo'");
    this.timeoutMs = ctx.options.number('service.timeout', 10000);
    if (!(this.timeoutMs > 0)) throw new Error('service.timeout must be a positive number of ms');
  }

  /** Calls waiting for their answer. */
  get waiting(): number {
    return this.held.size;
  }

  override async connect(): Promise<void> {
    grpcServices.register(this.ctx.appName, this.sourceId, this);
    try {
      await super.connect();
    } catch (e) {
      grpcServices.unregister(this.ctx.appName, this.sourceId, this);
      throw e;
    }
  }

  override async disconnect(): Promise<void> {
    grpcServices.unregister(this.ctx.appName, this.sourceId, this);
    const { status } = grpcLibrary();
    for (const id of [...this.held.keys()]) this.fail(id, status.UNAVAILABLE, 'the app stopped before answering');
    await super.disconnect();
  }

  process(
    payload: string,
    trp: Map<string, unknown>,
    call: ServerUnaryCall<WireEvent, WireEvent>,
    reply: sendUnaryData<WireEvent>,
  ): void {
    const id = randomUUID();
    trp.set('message.id', id);
    const { status } = grpcLibrary();
    const timer = setTimeout(
      () => this.fail(id, status.DEADLINE_EXCEEDED, `no answer within service.timeout (${this.timeoutMs} ms)`),
      this.timeoutMs,
    );
    this.held.set(id, { reply, timer });
    // A client that gives up frees its slot (a late answer then finds no call).
    call.on('cancelled', () => {
      const h = this.held.get(id);
      if (h) this.release(id, h);
    });
    // The answer may come back while this runs: the engine processes the events synchronously.
    const result = this.ctx.deliver(sourcePayload(this.ctx.mapType, payload), trp);
    if (!this.held.has(id) || result.events > 0 || result.settled) return;
    const reasons = result.errors.map((e) => e.message).join('\n');
    this.fail(id, status.INVALID_ARGUMENT, reasons === '' ? 'the Event carried no event' : reasons, false);
  }

  respond(messageId: string, payload: string): boolean {
    const h = this.held.get(messageId);
    if (!h) return false;
    this.release(messageId, h);
    h.reply(null, { payload, headers: {} });
    return true;
  }

  private release(id: string, h: Held): void {
    clearTimeout(h.timer);
    this.held.delete(id);
  }

  private fail(id: string, code: number, why: string, log = true): void {
    const h = this.held.get(id);
    if (!h) return;
    this.release(id, h);
    if (log) {
      this.ctx.logger.warn(
        `grpc-service source '${this.sourceId}' of stream '${this.ctx.streamId}': call ${id} failed (${why})`,
      );
    }
    h.reply(failure(code, why), null);
  }
}

export const grpcServiceSource: SourceFactory = { spec, create: (ctx) => new GrpcServiceSource(ctx) };
