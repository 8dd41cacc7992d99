/**
 * `@source(type='http-call-response', sink.id='y', http.status.code='2\\d+', @map(...))`: receives the replies
 * to the requests of the `http-call` sink with the same `sink.id` whose status fully matches the regex
 * (default '200'). Several sources of one sink route replies by status. Transport properties: see
 * http-call-sink.ts (`trp:<request attribute>`, `trp:<reply header>`, `trp:http.status.code`).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { bodyPayload } from './content-type.js';
import {
  registerCallResponse,
  statusPattern,
  unregisterCallResponse,
  type CallResponseReceiver,
} from './correlation-registry.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'http-call-response',
  description:
    "Receives the replies to the requests of the `http-call` sink with the same `sink.id`, when their status matches `http.status.code`. The request event's attributes are transport properties `trp:<attribute>`, the reply headers `trp:<header>`.",
  parameters: [],
  options: [
    {
      name: 'sink.id',
      type: ['string'],
      optional: false,
      description: 'The `sink.id` of the `http-call` sink whose replies this source receives.',
    },
    {
      name: 'http.status.code',
      type: ['string'],
      optional: true,
      defaultValue: '200',
      description:
        "Regular expression the whole reply status must match, e.g. '2\\\\d+' or '4\\\\d+' (a doubled backslash counts as one).",
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='http-call-response', sink.id='lookup', http.status.code='4\\\\d+', @map(type='text', regex.A='((.|\\n)*)', @attributes(id='trp:id', error='A[1]')))\ndefine stream LookupErrorStream (id string, error string);",
      description:
        'Each 4xx reply to a request of the `lookup` sink becomes an event with the request id and the reply body.',
    },
  ],
};

class HttpCallResponseSource implements Source, CallResponseReceiver {
  private readonly sinkId: string;
  private readonly status: RegExp;
  private connected = false;

  constructor(private readonly ctx: SourceContext) {
    this.sinkId = ctx.options.get('sink.id') ?? '';
    if (this.sinkId.trim() === '') {
      throw new Error("http-call-response needs a non-empty sink.id, e.g. sink.id='lookup'");
    }
    this.status = statusPattern(ctx.options.getOr('http.status.code', '200'));
  }

  get endpoint(): string | undefined {
    return this.connected ? `http-call:${this.sinkId}` : undefined;
  }

  connect(): void {
    registerCallResponse(this.ctx.appName, this.sinkId, this);
    this.connected = true;
  }

  disconnect(): void {
    unregisterCallResponse(this.ctx.appName, this.sinkId, this);
    this.connected = false;
  }

  matches(status: string): boolean {
    return this.status.test(status);
  }

  receive(payload: string | Buffer, trp: ReadonlyMap<string, unknown>): void {
    this.ctx.deliver(typeof payload === 'string' ? payload : bodyPayload(this.ctx.mapType, payload), trp);
  }
}

export const httpCallResponseSource: SourceFactory = {
  spec,
  create: (ctx) => new HttpCallResponseSource(ctx),
};
