/**
 * `@source(type='http-service', receiver.url=..., source.id='x', connection.timeout='120000', @map(...))`:
 * an `http` source whose requests wait for an answer. Each request gets a message id (transport property
 * `trp:messageId`) and is held until an `http-service-response` sink with the same `source.id` answers it
 * (`message.id='{{messageId}}'`), or `connection.timeout` ms pass: then the client gets 504. A request
 * nothing in it could be mapped from gets 400 at once; requests still held when the app stops get 504.
 * The timeout runs on the wall clock: it bounds a real client's wait, not engine time.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SourceContext, SourceFactory } from '../../framework/transport.js';
import { registerService, unregisterService, type ServiceResponder } from './correlation-registry.js';
import { HTTP_SOURCE_OPTIONS, HttpSource, refuse } from './http-source.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'http-service',
  description:
    'Receives requests over HTTP or HTTPS like the `http` source and holds each one open until an `http-service-response` sink with the same `source.id` answers it. The message id of a request is the transport property `trp:messageId`; request headers are `trp:<header>`.',
  parameters: [],
  options: [
    ...HTTP_SOURCE_OPTIONS,
    {
      name: 'source.id',
      type: ['string'],
      optional: false,
      description: 'Ties the source to the `http-service-response` sinks (same `source.id`) that answer its requests.',
    },
    {
      name: 'connection.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '120000',
      description: 'Milliseconds a request waits for its answer; then the client gets 504 Gateway Timeout.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='http-service', receiver.url='http://0.0.0.0:5005/add', source.id='adder', @map(type='json', @attributes(messageId='trp:messageId', value1='$.event.value1', value2='$.event.value2')))\ndefine stream AddStream (messageId string, value1 long, value2 long);\n@sink(type='http-service-response', source.id='adder', message.id='{{messageId}}', @map(type='json'))\ndefine stream ResultStream (messageId string, results long);\nfrom AddStream select messageId, value1 + value2 as results insert into ResultStream;",
      description:
        'POST `{"event":{"value1":3,"value2":4}}` to /add and get `{"event":{"messageId":"...","results":7}}` back.',
    },
  ],
};

interface Held {
  readonly res: ServerResponse;
  readonly timer: NodeJS.Timeout;
}

class HttpServiceSource extends HttpSource implements ServiceResponder {
  readonly timeoutMs: number;
  private readonly sourceId: string;
  private readonly held = new Map<string, Held>();

  constructor(ctx: SourceContext) {
    super(ctx);
    this.sourceId = ctx.options.get('source.id') ?? '';
    if (this.sourceId.trim() === '')
      throw new Error("http-service needs a non-empty source.id, e.g. source.id='adder'");
    this.timeoutMs = ctx.options.number('connection.timeout', 120000);
    if (!(this.timeoutMs > 0)) throw new Error(`connection.timeout must be a positive number of ms`);
  }

  /** Requests waiting for their answer (for tests and metrics). */
  get waiting(): number {
    return this.held.size;
  }

  override async connect(): Promise<void> {
    registerService(this.ctx.appName, this.sourceId, this);
    try {
      await super.connect();
    } catch (e) {
      unregisterService(this.ctx.appName, this.sourceId, this);
      throw e;
    }
  }

  override async disconnect(): Promise<void> {
    unregisterService(this.ctx.appName, this.sourceId, this);
    for (const id of [...this.held.keys()]) this.expire(id, 'the app stopped before answering');
    await super.disconnect();
  }

  respond(messageId: string, body: string | Buffer, headers: readonly [string, string][]): boolean {
    const h = this.held.get(messageId);
    if (!h) return false;
    this.release(messageId, h);
    if (h.res.destroyed) return false;
    h.res.writeHead(200, Object.fromEntries(headers)).end(body);
    return true;
  }

  protected override accept(res: ServerResponse, payload: unknown, trp: Map<string, unknown>): void {
    const id = randomUUID();
    trp.set('messageId', id);
    const timer = setTimeout(
      () => this.expire(id, `no answer within connection.timeout (${this.timeoutMs} ms)`),
      this.timeoutMs,
    );
    this.held.set(id, { res, timer });
    // A client that gives up frees its slot (a late answer then finds no request).
    res.on('close', () => {
      const h = this.held.get(id);
      if (h && h.res === res) this.release(id, h);
    });
    // The answer may come back while this runs: the engine processes the events synchronously.
    const result = this.ctx.deliver(payload, trp);
    const h = this.held.get(id);
    if (!h || result.events > 0 || result.settled) return;
    this.release(id, h);
    refuse(
      res,
      result.errors.length > 0 ? result.errors.map((e) => e.message).join('\n') : 'the request carried no event',
    );
  }

  private release(id: string, h: Held): void {
    clearTimeout(h.timer);
    this.held.delete(id);
  }

  private expire(id: string, why: string): void {
    const h = this.held.get(id);
    if (!h) return;
    this.release(id, h);
    this.ctx.logger.warn(
      `http-service source '${this.sourceId}' of stream '${this.ctx.streamId}': request ${id} got 504 (${why})`,
    );
    if (!h.res.destroyed) h.res.writeHead(504, { 'content-type': 'text/plain' }).end(`${why}\n`);
  }
}

export const httpServiceSource: SourceFactory = { spec, create: (ctx) => new HttpServiceSource(ctx) };
