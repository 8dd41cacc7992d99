/**
 * Where the request/response pairs of the HTTP transports find each other, per app (two apps may use the
 * same ids): `http-service` sources by `source.id` (their `http-service-response` sinks answer the held
 * requests), `http-call-response` sources by `sink.id` (their `http-call` sink hands them the replies).
 */
import { GroupRegistry, SingleRegistry } from '../shared/correlation.js';

/** What an `http-service-response` sink needs of its `http-service` source. */
export interface ServiceResponder {
  /** Answers the held request `messageId`; false when no such request waits (answered, timed out, unknown). */
  respond(messageId: string, body: string | Buffer, headers: readonly [string, string][]): boolean;
  /** The source's `connection.timeout` in ms (for error messages). */
  readonly timeoutMs: number;
}

/** What an `http-call` sink needs of its `http-call-response` sources. */
export interface CallResponseReceiver {
  /** Whether the reply status (e.g. '404') is one this source takes (its `http.status.code` regex). */
  matches(status: string): boolean;
  /** Maps one reply body (or, when downloading, the file path) with its transport properties. */
  receive(payload: string | Buffer, trp: ReadonlyMap<string, unknown>): void;
}

const services = new SingleRegistry<ServiceResponder>('http-service source', 'source.id');
const callResponses = new GroupRegistry<CallResponseReceiver>();

export function registerService(app: string, sourceId: string, s: ServiceResponder): void {
  services.register(app, sourceId, s);
}

export function unregisterService(app: string, sourceId: string, s: ServiceResponder): void {
  services.unregister(app, sourceId, s);
}

export function findService(app: string, sourceId: string): ServiceResponder | undefined {
  return services.find(app, sourceId);
}

export function registerCallResponse(app: string, sinkId: string, r: CallResponseReceiver): void {
  callResponses.add(app, sinkId, r);
}

export function unregisterCallResponse(app: string, sinkId: string, r: CallResponseReceiver): void {
  callResponses.remove(app, sinkId, r);
}

/** The sources of `sinkId` whose status regex matches `status`, in registration order. */
export function callResponseReceivers(app: string, sinkId: string, status: string): CallResponseReceiver[] {
  return callResponses.all(app, sinkId).filter((r) => r.matches(status));
}

/**
 * A `http.status.code` regex as a full-match RegExp (Java's `String.matches`). Siddhi's docs write
 * `'2\\d+'`; SiddhiQL keeps both backslashes, so a doubled backslash counts as one.
 */
export function statusPattern(text: string): RegExp {
  const source = text.trim().replace(/\\\\/g, '\\');
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (e) {
    throw new Error(`http.status.code '${text}' is not a regular expression: ${(e as Error).message}`);
  }
}
