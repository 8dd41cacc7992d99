/**
 * Pass-through mappers (`@map(type='passThrough')`, the default of sources and sinks without `@map`).
 * Source: the payload is event data: one data array, `{data: [...]}`, or an array of either (one chunk).
 * Sink: a lone event publishes its data array; a group publishes one array of data arrays.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappedInput, SinkMapper, SinkMapperFactory, SourceMapper, SourceMapperFactory } from './mapper.js';
import { typeName } from './shared/options.js';

function spec(kind: 'sourceMapper' | 'sinkMapper'): ExtensionSpec {
  return {
    kind,
    namespace: '',
    name: 'passThrough',
    description:
      kind === 'sourceMapper'
        ? 'Takes event data as it comes: a data array, an object with a `data` array, or an array of those.'
        : 'Publishes event data as it is: the data array of a lone event, or the array of data arrays of a group.',
    parameters: [],
    options: [],
    examples: [
      {
        syntax: `@${kind === 'sourceMapper' ? 'source' : 'sink'}(type='inMemory', topic='stock', @map(type='passThrough'))\ndefine stream FooStream (symbol string, price float);`,
        description: 'Moves events without conversion.',
      },
    ],
  };
}

function dataOf(item: unknown): unknown[] | undefined {
  if (Array.isArray(item)) return [...(item as unknown[])];
  if (item !== null && typeof item === 'object' && Array.isArray((item as { data?: unknown }).data))
    return [...(item as { data: unknown[] }).data];
  return undefined;
}

class PassThroughSource implements SourceMapper {
  constructor(private readonly width: number) {}
  map(payload: unknown): MappedInput {
    const items =
      Array.isArray(payload) && payload.length > 0 && payload.every((p) => dataOf(p) !== undefined)
        ? payload
        : [payload];
    const events: unknown[][] = [];
    for (const item of items) {
      const data = dataOf(item);
      if (data === undefined || data.length !== this.width) {
        return {
          events: [],
          errors: [
            {
              message: `Event object must be event data (an array of ${this.width} values, or {data: [...]}), but found ${typeName(item)}`,
              payload,
            },
          ],
        };
      }
      events.push(data);
    }
    return { events, errors: [] };
  }
}

class PassThroughSink implements SinkMapper {
  map(events: readonly (readonly unknown[])[], grouped = false): readonly unknown[] {
    if (events.length === 0) return [];
    return grouped || events.length > 1 ? [events.map((e) => [...e])] : [[...(events[0] as readonly unknown[])]];
  }
}

export const passThroughSourceMapper: SourceMapperFactory = {
  spec: spec('sourceMapper'),
  create: (config) => new PassThroughSource(config.attributes.length),
};

export const passThroughSinkMapper: SinkMapperFactory = {
  spec: spec('sinkMapper'),
  create: () => new PassThroughSink(),
};
