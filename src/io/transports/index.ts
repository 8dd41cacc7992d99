/** The built-in transports: every source and sink factory. */
import type { SinkFactory, SourceFactory } from '../framework/transport.js';
import { inMemorySink } from './in-memory/in-memory-sink.js';
import { inMemorySource } from './in-memory/in-memory-source.js';
import { emailSink } from './email/email-sink.js';
import { fileEventListenerSource } from './file/file-event-listener.js';
import { fileSink } from './file/file-sink.js';
import { fileSource } from './file/file-source.js';
import { grpcCallResponseSource } from './grpc/grpc-call-response-source.js';
import { grpcCallSink } from './grpc/grpc-call-sink.js';
import { grpcServiceResponseSink } from './grpc/grpc-service-response-sink.js';
import { grpcServiceSource } from './grpc/grpc-service-source.js';
import { grpcSink } from './grpc/grpc-sink.js';
import { grpcSource } from './grpc/grpc-source.js';
import { httpCallResponseSource } from './http/http-call-response-source.js';
import { httpCallSink } from './http/http-call-sink.js';
import { httpServiceResponseSink } from './http/http-service-response-sink.js';
import { httpServiceSource } from './http/http-service-source.js';
import { httpSink } from './http/http-sink.js';
import { httpSource } from './http/http-source.js';
import { renamedHttpSinks, renamedHttpSources } from './http/renamed-types.js';
import { logSink } from './log/log-sink.js';
import { prometheusSink } from './prometheus/prometheus-sink.js';
import { prometheusSource } from './prometheus/prometheus-source.js';
import { tcpSink } from './tcp/tcp-sink.js';
import { tcpSource } from './tcp/tcp-source.js';
import { websocketServerSink, websocketServerSource } from './websocket/websocket-server.js';
import { websocketSink } from './websocket/websocket-sink.js';
import { websocketSource } from './websocket/websocket-source.js';

export const builtinSources: readonly SourceFactory[] = [
  inMemorySource,
  httpSource,
  httpServiceSource,
  httpCallResponseSource,
  fileSource,
  fileEventListenerSource,
  websocketSource,
  websocketServerSource,
  tcpSource,
  prometheusSource,
  grpcSource,
  grpcServiceSource,
  grpcCallResponseSource,
  ...renamedHttpSources,
];

export const builtinSinks: readonly SinkFactory[] = [
  inMemorySink,
  logSink,
  httpSink,
  httpCallSink,
  httpServiceResponseSink,
  fileSink,
  websocketSink,
  websocketServerSink,
  tcpSink,
  emailSink,
  prometheusSink,
  grpcSink,
  grpcCallSink,
  grpcServiceResponseSink,
  ...renamedHttpSinks,
];
