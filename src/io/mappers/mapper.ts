/**
 * The mapper contracts of the I/O framework. A source mapper turns one transport message (a payload) into
 * event data; a sink mapper turns events into transport messages. Mappers are pure: no transport, no clock.
 *
 * Engine glue, in short:
 * - Source side: `const mapper = factory.create(config)` once per `@source`, then for each message
 *   `const { events, errors } = mapper.map(payload, transportProperties)`. Send `events` (data arrays in
 *   stream attribute order, already typed: float values are 32-bit rounded) as one chunk; route every
 *   entry of `errors` to the source's `on.error` handling (log by default). Mappers never throw from `map`.
 * - Sink side: `const mapper = factory.create(config)` once per `@sink`. For an output chunk of exactly one
 *   event call `mapper.map([data])`; for a chunk of several events (after splitting it into groups by the
 *   sink's dynamic options, `{{attr}}` in e.g. `topic`) call `mapper.map(groupData, true)` once per group.
 *   Publish every returned payload, in order. The `grouped` flag matters: Siddhi maps a lone event with its
 *   single-event form (`{"event":{...}}`) but any group of a multi-event chunk with the batch form
 *   (`[{"event":...}]`, one `<events>` document, one multi-line CSV message) when the mapper batches.
 * - `create` throws `MapperConfigError` for a configuration Siddhi rejects at app creation
 *   (unknown `{{attr}}` in `@payload`, bad `@attributes`, bad option values).
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';

export interface MapperAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

/** `@attributes(...)` of `@map`: positional (`@attributes('A[1]', 'B')`) or keyed (`@attributes(symbol='A[1]')`). */
export type AttributeMappings =
  { readonly positional: readonly string[] } | { readonly keyed: ReadonlyMap<string, string> };

export interface SourceMapperConfig {
  readonly streamId: string;
  readonly attributes: readonly MapperAttribute[];
  /** `@map` options other than `type`, e.g. 'fail.on.missing.attribute' -> 'false', 'regex.A' -> '(\w+)'. */
  readonly options: ReadonlyMap<string, string>;
  /** `@attributes(...)` custom mappings; absent for default mapping. Values starting `trp:` read transport properties. */
  readonly attributeMappings?: AttributeMappings;
}

/** A message or event the mapper dropped, with a reason naming what was wrong. */
export interface MappingError {
  readonly message: string;
  readonly payload: unknown;
}

export interface MappedInput {
  /** Data arrays of the events, in stream attribute order. */
  readonly events: unknown[][];
  readonly errors: readonly MappingError[];
  /**
   * The events' own timestamps, parallel to `events`, for formats that carry them (binary); -1 (as in
   * Siddhi's InputEventHandler) or absent: the time the message arrived.
   */
  readonly timestamps?: readonly number[];
}

export interface SourceMapper {
  /**
   * Maps one message. `payload` is a string or bytes (Uint8Array/Buffer, read as UTF-8) for text formats,
   * a plain object for keyvalue, event data for passThrough. `transportProperties` feeds `trp:` mappings.
   */
  map(payload: unknown, transportProperties?: ReadonlyMap<string, unknown>): MappedInput;
}

/** `@payload('...')` (one template) or `@payload(key='...', ...)` (keyed templates, for keyvalue and csv). */
export type PayloadTemplates = { readonly template: string } | { readonly keyed: ReadonlyMap<string, string> };

export interface SinkMapperConfig {
  readonly streamId: string;
  readonly attributes: readonly MapperAttribute[];
  readonly options: ReadonlyMap<string, string>;
  /** `@payload` templates with `{{attr}}` placeholders; absent for default mapping. */
  readonly payload?: PayloadTemplates;
  /** Called for each message the mapper drops (e.g. `validate.json='true'` and the message is not JSON). */
  readonly onError?: (error: MappingError) => void;
}

export interface SinkMapper {
  /**
   * Maps events (data arrays in stream attribute order) to zero or more payloads (strings; plain objects
   * for keyvalue; data arrays for passThrough; bytes for avro and binary). `grouped`: the events are (a
   * group of) a chunk of several events; leave it false for a chunk of one event. `timestamps`: the events'
   * timestamps, parallel to `events`, for formats that carry them (binary).
   */
  map(events: readonly (readonly unknown[])[], grouped?: boolean, timestamps?: readonly number[]): readonly unknown[];
}

export interface SourceMapperFactory {
  /** kind 'sourceMapper'. */
  readonly spec: ExtensionSpec;
  create(config: SourceMapperConfig): SourceMapper;
}

export interface SinkMapperFactory {
  /** kind 'sinkMapper'. */
  readonly spec: ExtensionSpec;
  create(config: SinkMapperConfig): SinkMapper;
}

/** Whether the source mapper of a `@map` type takes a message's bytes as they are (not its UTF-8 text). */
export function takesBytes(mapType: string): boolean {
  const m = mapType.toLowerCase();
  return m === 'avro' || m === 'binary' || m === 'binarypassthrough';
}

/** A mapper configuration Siddhi rejects when the app is created. */
export class MapperConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MapperConfigError';
  }
}
