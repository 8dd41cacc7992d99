/**
 * `@sink(type='http-call', publisher.url=..., sink.id='y', method, headers, @map(...))`: sends each message
 * as an HTTP(S) request like the `http` sink, and hands every reply to the `http-call-response` sources with
 * the same `sink.id` whose `http.status.code` regex matches its status. Their transport properties: the
 * request event's attributes by name (of the first event of a grouped message), the reply headers
 * (lower-case names), `headers` (all of them as `'Name:value',...`) and `http.status.code`.
 * With `downloading.enabled='true'` a 2xx body is written to `download.path` and the sources get the path.
 * A peer that cannot be reached is a lost connection (handled per `on.error`); a reply no source takes,
 * or an empty reply body, is logged (Siddhi drops both).
 */
import { writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { callResponseReceivers } from './correlation-registry.js';
import { HTTP_CLIENT_OPTIONS, HttpClient, type HttpReply } from './http-client.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'http-call',
  description:
    'Sends each message as an HTTP or HTTPS request and passes the reply to the `http-call-response` sources with the same `sink.id` whose `http.status.code` matches the reply status (e.g. one stream for 2xx, another for 4xx).',
  parameters: [],
  options: [
    ...HTTP_CLIENT_OPTIONS,
    {
      name: 'sink.id',
      type: ['string'],
      optional: false,
      description: 'Ties the sink to the `http-call-response` sources (same `sink.id`) that receive its replies.',
    },
    {
      name: 'downloading.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, a 2xx reply body is written to `download.path` and the response sources get the path.',
    },
    {
      name: 'download.path',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: 'The file a downloaded body is written to (with `downloading.enabled`); may hold `{{attr}}`.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='http-call', sink.id='employee-info', publisher.url='http://localhost:8005/registry/employee', method='POST', @map(type='json'))\ndefine stream EmployeeRequestStream (name string, id int);\n@source(type='http-call-response', sink.id='employee-info', http.status.code='2\\\\d+', @map(type='json', @attributes(name='trp:name', id='trp:id', location='$.town', age='$.age')))\ndefine stream EmployeeResponseStream (name string, id int, location string, age int);\n@source(type='http-call-response', sink.id='employee-info', http.status.code='4\\\\d+', @map(type='text', regex.A='((.|\\n)*)', @attributes(error='A[1]')))\ndefine stream EmployeeErrorStream (error string);",
      description:
        'POSTs each request event; 2xx replies (JSON) become EmployeeResponseStream events carrying the request name and id, 4xx replies EmployeeErrorStream events.',
    },
  ],
};

class HttpCallSink implements Sink {
  private readonly client: HttpClient;
  private readonly sinkId: string;
  private readonly download: boolean;

  constructor(private readonly ctx: SinkContext) {
    this.client = new HttpClient(ctx, 'http-call sink');
    this.sinkId = ctx.options.get('sink.id') ?? '';
    if (this.sinkId.trim() === '') throw new Error("http-call needs a non-empty sink.id, e.g. sink.id='lookup'");
    this.download = ctx.options.bool('downloading.enabled', false);
    if (this.download && ctx.options.get('download.path') === undefined) {
      throw new Error("downloading.enabled='true' needs download.path, the file to write the reply body to");
    }
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('publisher.url');
  }

  connect(): void {}

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const reply = await this.client.send(payload, meta);
    const status = String(reply.status);
    const url = meta.option('publisher.url') ?? '';
    const receivers = callResponseReceivers(this.ctx.appName, this.sinkId, status);
    if (receivers.length === 0) {
      throw new Error(
        `${url} replied ${status} and no http-call-response source with sink.id '${this.sinkId}' takes that status (http.status.code); the reply was dropped`,
      );
    }
    const trp = this.properties(reply, meta);
    let body: string | Buffer = reply.body;
    if (this.download && reply.status >= 200 && reply.status < 300) {
      const path = resolvePath(meta.option('download.path') ?? '');
      try {
        await writeFile(path, reply.body);
      } catch (e) {
        throw new Error(`could not write the reply of ${url} to download.path '${path}': ${(e as Error).message}`);
      }
      body = path;
    } else if (reply.body.length === 0) {
      this.ctx.logger.warn(
        `http-call sink '${this.sinkId}': ${url} replied ${status} with an empty body; nothing to map`,
      );
      return;
    }
    for (const r of receivers) r.receive(body, trp);
  }

  disconnect(): void {
    this.client.close();
  }

  private properties(reply: HttpReply, meta: PublishMeta): Map<string, unknown> {
    const trp = new Map<string, unknown>();
    const all: string[] = [];
    for (const [k, v] of Object.entries(reply.headers)) {
      if (v === undefined) continue;
      const text = Array.isArray(v) ? v.join(', ') : v;
      trp.set(k, text);
      all.push(`'${k}:${text}'`);
    }
    trp.set('headers', all.join(','));
    const event = meta.events[0];
    if (event) {
      this.ctx.attributes.forEach((a, i) => {
        const v = event.data[i];
        if (v === null || v === undefined) trp.delete(a.name);
        else trp.set(a.name, typeof v === 'object' ? v : String(v));
      });
    }
    trp.set('http.status.code', String(reply.status));
    if (this.download) trp.set('download.path', meta.option('download.path'));
    return trp;
  }
}

export const httpCallSink: SinkFactory = { spec, create: (ctx) => new HttpCallSink(ctx) };
