/**
 * Where the request/response pairs of the gRPC transports find each other, per app: `grpc-service` sources by
 * `source.id` (their `grpc-service-response` sinks answer the held calls), `grpc-call-response` sources by
 * `sink.id` (their `grpc-call` sink hands them the replies). Apart from the HTTP transports' registries.
 */
import { GroupRegistry, SingleRegistry } from '../shared/correlation.js';

/** What a `grpc-service-response` sink needs of its `grpc-service` source. */
export interface ServiceResponder {
  /** Answers the held call `messageId`; false when no such call waits (answered, timed out, cancelled, unknown). */
  respond(messageId: string, payload: string): boolean;
  /** The source's `service.timeout` in ms (for error messages). */
  readonly timeoutMs: number;
}

/** What a `grpc-call` sink needs of its `grpc-call-response` sources. */
export interface CallResponseReceiver {
  /** Maps the payload of one reply with its transport properties. */
  receive(payload: string, trp: ReadonlyMap<string, unknown>): void;
}

export const grpcServices = new SingleRegistry<ServiceResponder>('grpc-service source', 'source.id');
export const grpcCallResponses = new GroupRegistry<CallResponseReceiver>();
