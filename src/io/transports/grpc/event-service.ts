/**
 * The EventService of siddhi-io-grpc (see event-service.proto beside this file): its definition, embedded as
 * a protobuf.js descriptor so that `dist/` needs no file beside the code, and the gRPC libraries, loaded on
 * the first use of a gRPC transport (they take tens of milliseconds to load; apps without gRPC never pay).
 */
import type { ServiceClientConstructor, ServiceDefinition } from '@grpc/grpc-js';
import { lazyRequire } from '../../mappers/shared/lazy-require.js';

type GrpcLibrary = typeof import('@grpc/grpc-js');
type ProtoLoader = typeof import('@grpc/proto-loader');

/** @grpc/grpc-js, required on first use. */
export const grpcLibrary = lazyRequire<GrpcLibrary>('@grpc/grpc-js');
const protoLoader = lazyRequire<ProtoLoader>('@grpc/proto-loader');

/** How siddhi-io-grpc's URLs name the service: `grpc://host:port/org.wso2.grpc.EventService/<method>`. */
export const URL_SERVICE_NAME = 'org.wso2.grpc.EventService';

/** The service's name on the wire (`/eventservice.EventService/<method>`), as siddhi-io-grpc's classes have it. */
export const WIRE_SERVICE_NAME = 'eventservice.EventService';

export type EventMethod = 'process' | 'consume';

/** One `Event` message. */
export interface WireEvent {
  payload: string;
  headers: Record<string, string>;
}

/** event-service.proto as a protobuf.js JSON descriptor (the test suite checks the two agree). */
export const EVENT_SERVICE_DESCRIPTOR = {
  nested: {
    eventservice: {
      nested: {
        EventService: {
          methods: {
            process: { requestType: 'Event', responseType: 'Event' },
            consume: { requestType: 'Event', requestStream: true, responseType: 'google.protobuf.Empty' },
          },
        },
        Event: {
          fields: {
            payload: { type: 'string', id: 1 },
            headers: { keyType: 'string', type: 'string', id: 2 },
          },
        },
      },
    },
    google: { nested: { protobuf: { nested: { Empty: { fields: {} } } } } },
  },
};

/** How proto-loader turns messages into objects: field names as written, absent fields as their defaults. */
export const LOADER_OPTIONS = { keepCase: true, defaults: true, longs: String, enums: String, oneofs: true };

let loaded: { readonly Client: ServiceClientConstructor; readonly service: ServiceDefinition } | undefined;

/** The generated client class and the service definition servers implement. */
export function eventService(): { readonly Client: ServiceClientConstructor; readonly service: ServiceDefinition } {
  if (!loaded) {
    // protobuf.js's descriptor types know no map fields (keyType) and ask for method comments: hence the cast.
    const descriptor = EVENT_SERVICE_DESCRIPTOR as unknown as Parameters<ProtoLoader['fromJSON']>[0];
    const definition = protoLoader().fromJSON(descriptor, LOADER_OPTIONS);
    const pkg = grpcLibrary().loadPackageDefinition(definition) as unknown as {
      eventservice: { EventService: ServiceClientConstructor };
    };
    const Client = pkg.eventservice.EventService;
    loaded = { Client, service: Client.service };
  }
  return loaded;
}
