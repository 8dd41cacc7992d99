/**
 * EventService servers shared by the `grpc` and `grpc-service` sources, as in Siddhi: every source on the same
 * host and port (of any app) shares one @grpc/grpc-js server, and each call goes to the source of the stream
 * its Event's `stream.id` header names: `consume` calls to `grpc` sources, `process` calls to `grpc-service`
 * sources. An Event without `stream.id`, or naming no such source, ends its call with DATA_LOSS (as in
 * Siddhi). Port 0 (an ephemeral port) always gets a server of its own. Sources sharing a server must agree on
 * its TLS and size limit. The server stops when its last source leaves.
 */
import type {
  Metadata,
  Server,
  ServerReadableStream,
  ServerUnaryCall,
  ServiceError,
  sendUnaryData,
} from '@grpc/grpc-js';
import type { Logger } from '../../../engine/runtime/logger.js';
import { eventService, grpcLibrary, type EventMethod, type WireEvent } from './event-service.js';
import type { ServerTls } from './grpc-tls.js';
import { hostPort } from './grpc-url.js';

/** A `grpc` source: takes the Events of `consume` calls. */
export interface ConsumeSubscriber {
  consume(payload: string, trp: Map<string, unknown>): void;
  /** While true, the server stops reading the call's stream until `whenResumed` runs the given function. */
  readonly paused: boolean;
  whenResumed(f: () => void): void;
}

/** A `grpc-service` source: holds each `process` call until it is answered. */
export interface ProcessSubscriber {
  process(
    payload: string,
    trp: Map<string, unknown>,
    call: ServerUnaryCall<WireEvent, WireEvent>,
    reply: sendUnaryData<WireEvent>,
  ): void;
}

export interface ServerConfig {
  readonly tls: ServerTls | undefined;
  /** @grpc/grpc-js server options. */
  readonly options: Record<string, number>;
  /** How long a stopping server waits for the calls in progress. */
  readonly shutdownMs: number;
}

export interface EventServer {
  readonly key: string;
  /** The port bound (the real one for port 0). */
  port: number;
  readonly server: Server;
  readonly configId: string;
  readonly consumers: Map<string, ConsumeSubscriber>;
  readonly processors: Map<string, ProcessSubscriber>;
  readonly shutdownMs: number;
  ready: Promise<void>;
  logger: Logger;
}

const pool = new Map<string, EventServer>();

function configId(c: ServerConfig): string {
  return JSON.stringify([c.tls?.id ?? null, Object.entries(c.options).sort()]);
}

/** The transport properties of an Event: its headers, overlaid by the call's metadata (as in Siddhi). */
function transportProperties(event: WireEvent, metadata: Metadata): Map<string, unknown> {
  const trp = new Map<string, unknown>(Object.entries(event.headers));
  for (const [k, v] of Object.entries(metadata.getMap())) if (typeof v === 'string') trp.set(k, v);
  return trp;
}

/** The subscriber an Event is for, or why there is none. */
function route<T>(s: EventServer, method: EventMethod, event: WireEvent, subscribers: Map<string, T>): T | string {
  const streamId = event.headers['stream.id'];
  const what = method === 'consume' ? 'grpc' : 'grpc-service';
  if (streamId === undefined) {
    return `dropped a ${method} call on ${s.key}: its Event has no 'stream.id' header naming the stream of a ${what} source`;
  }
  return (
    subscribers.get(streamId) ??
    `dropped a ${method} call on ${s.key}: no ${what} source of stream '${streamId}' (the Event's stream.id) listens there`
  );
}

function dataLoss(details: string): Partial<ServiceError> {
  return { code: grpcLibrary().status.DATA_LOSS, details };
}

function onConsume(s: EventServer, call: ServerReadableStream<WireEvent, unknown>, done: sendUnaryData<unknown>): void {
  let ended = false;
  call.on('data', (event: WireEvent) => {
    if (ended) return;
    const sub = route(s, 'consume', event, s.consumers);
    if (typeof sub === 'string') {
      ended = true;
      s.logger.error(sub);
      done(dataLoss(sub), null);
      return;
    }
    sub.consume(event.payload, transportProperties(event, call.metadata));
    if (sub.paused && !call.isPaused()) {
      call.pause();
      sub.whenResumed(() => call.resume());
    }
  });
  call.on('end', () => {
    if (ended) return;
    ended = true;
    done(null, {});
  });
  // A client that cancels or goes away: nothing to answer.
  call.on('error', () => (ended = true));
}

function onProcess(s: EventServer, call: ServerUnaryCall<WireEvent, WireEvent>, reply: sendUnaryData<WireEvent>): void {
  const sub = route(s, 'process', call.request, s.processors);
  if (typeof sub === 'string') {
    s.logger.error(sub);
    reply(dataLoss(sub), null);
    return;
  }
  sub.process(call.request.payload, transportProperties(call.request, call.metadata), call, reply);
}

function createServer(host: string, port: number, config: ServerConfig, logger: Logger): EventServer {
  const grpc = grpcLibrary();
  const server = new grpc.Server(config.options);
  const entry: EventServer = {
    key: hostPort(host, port),
    port,
    server,
    configId: configId(config),
    consumers: new Map(),
    processors: new Map(),
    shutdownMs: config.shutdownMs,
    ready: Promise.resolve(),
    logger,
  };
  server.addService(eventService().service, {
    process: (call: ServerUnaryCall<WireEvent, WireEvent>, reply: sendUnaryData<WireEvent>) =>
      onProcess(entry, call, reply),
    consume: (call: ServerReadableStream<WireEvent, unknown>, done: sendUnaryData<unknown>) =>
      onConsume(entry, call, done),
  });
  const t = config.tls;
  const credentials = t
    ? grpc.ServerCredentials.createSsl(
        t.rootCerts,
        [{ private_key: t.key, cert_chain: t.certChain }],
        t.requireClientCert,
      )
    : grpc.ServerCredentials.createInsecure();
  entry.ready = new Promise<void>((resolve, reject) => {
    server.bindAsync(hostPort(host, port), credentials, (e, bound) => {
      if (e) {
        reject(new Error(`cannot listen on ${hostPort(host, port)}: ${e.message}`));
        return;
      }
      entry.port = bound;
      resolve();
    });
  });
  return entry;
}

/**
 * Subscribes the source of `streamId` to the `method` calls on host:port, starting the server when it is the
 * first; resolves with the server once it listens.
 */
export async function subscribe(
  host: string,
  port: number,
  config: ServerConfig,
  method: EventMethod,
  streamId: string,
  subscriber: ConsumeSubscriber | ProcessSubscriber,
  logger: Logger,
): Promise<EventServer> {
  const key = hostPort(host, port);
  let s = port === 0 ? undefined : pool.get(key);
  if (s && s.configId !== configId(config)) {
    throw new Error(
      `the gRPC server on ${key} already runs with other TLS options or max.inbound.message.size; sources sharing a port must give the same`,
    );
  }
  if (!s) {
    const created = createServer(host, port, config, logger);
    s = created;
    if (port !== 0) pool.set(key, created);
    try {
      await created.ready;
    } catch (e) {
      if (pool.get(key) === created) pool.delete(key);
      created.server.forceShutdown();
      throw e;
    }
  } else {
    await s.ready;
  }
  const map: Map<string, ConsumeSubscriber | ProcessSubscriber> = method === 'consume' ? s.consumers : s.processors;
  const other = map.get(streamId);
  if (other !== undefined && other !== subscriber) {
    throw new Error(
      `another ${method === 'consume' ? 'grpc' : 'grpc-service'} source already takes stream.id '${streamId}' on ${key}`,
    );
  }
  map.set(streamId, subscriber);
  // Calls no source takes are logged by the app that subscribed last.
  s.logger = logger;
  return s;
}

/** Unsubscribes; stops the server when no source is left (waiting up to its shutdown time for calls in progress). */
export async function unsubscribe(
  s: EventServer,
  method: EventMethod,
  streamId: string,
  subscriber: ConsumeSubscriber | ProcessSubscriber,
): Promise<void> {
  const map: Map<string, ConsumeSubscriber | ProcessSubscriber> = method === 'consume' ? s.consumers : s.processors;
  if (map.get(streamId) === subscriber) map.delete(streamId);
  if (s.consumers.size > 0 || s.processors.size > 0) return;
  for (const [k, v] of pool) if (v === s) pool.delete(k);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      s.server.forceShutdown();
      resolve();
    }, s.shutdownMs);
    s.server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
