/** The public API of the I/O layer: transport and mapper contracts, registration, handles and counters. */
export { registerIo, installIo } from './install.js';
export {
  ConnectionUnavailableError,
  optionReader,
  type DeliveryResult,
  type OptionReader,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
  type Source,
  type SourceContext,
  type SourceFactory,
} from './framework/transport.js';
export { ioHandles, type IoHandles } from './framework/io-handles.js';
export { ioCounters, type IoCounters } from './framework/io-metrics.js';
export type { ErroneousEvent } from './framework/error-store.js';
export type { SourceRuntime } from './framework/source-runtime.js';
export type { SinkRuntime, SinkErrorAction } from './framework/sink-runtime.js';
export { inMemoryBroker, InMemoryBroker } from './transports/in-memory/broker.js';
export { builtinSources, builtinSinks } from './transports/index.js';
export {
  sourceMappers,
  sinkMappers,
  findSourceMapper,
  findSinkMapper,
  MapperConfigError,
  type SourceMapperFactory,
  type SinkMapperFactory,
} from './mappers/index.js';
