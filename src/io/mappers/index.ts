/** The built-in mappers of the I/O framework. */
import { avroSinkMapper } from './avro-sink.js';
import { avroSourceMapper } from './avro-source.js';
import { binaryPassThroughSinkMapper, binaryPassThroughSourceMapper } from './binary-pass-through.js';
import { binarySinkMapper } from './binary-sink.js';
import { binarySourceMapper } from './binary-source.js';
import { csvSinkMapper } from './csv-sink.js';
import { csvSourceMapper } from './csv-source.js';
import { jsonSinkMapper } from './json-sink.js';
import { jsonSourceMapper } from './json-source.js';
import { keyValueSinkMapper } from './keyvalue-sink.js';
import { keyValueSourceMapper } from './keyvalue-source.js';
import type { SinkMapperFactory, SourceMapperFactory } from './mapper.js';
import { passThroughSinkMapper, passThroughSourceMapper } from './pass-through.js';
import { textSinkMapper } from './text-sink.js';
import { textSourceMapper } from './text-source.js';
import { xmlSinkMapper } from './xml-sink.js';
import { xmlSourceMapper } from './xml-source.js';

export * from './mapper.js';

export const sourceMappers: readonly SourceMapperFactory[] = [
  jsonSourceMapper,
  xmlSourceMapper,
  csvSourceMapper,
  textSourceMapper,
  keyValueSourceMapper,
  passThroughSourceMapper,
  avroSourceMapper,
  binarySourceMapper,
  binaryPassThroughSourceMapper,
];

export const sinkMappers: readonly SinkMapperFactory[] = [
  jsonSinkMapper,
  xmlSinkMapper,
  csvSinkMapper,
  textSinkMapper,
  keyValueSinkMapper,
  passThroughSinkMapper,
  avroSinkMapper,
  binarySinkMapper,
  binaryPassThroughSinkMapper,
];

/** The source mapper factory of a `@map(type=...)` name (case-insensitive), or undefined. */
export function findSourceMapper(type: string): SourceMapperFactory | undefined {
  return sourceMappers.find((m) => m.spec.name.toLowerCase() === type.toLowerCase());
}

/** The sink mapper factory of a `@map(type=...)` name (case-insensitive), or undefined. */
export function findSinkMapper(type: string): SinkMapperFactory | undefined {
  return sinkMappers.find((m) => m.spec.name.toLowerCase() === type.toLowerCase());
}
