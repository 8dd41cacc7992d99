/**
 * Binary pass-through mappers (`@map(type='binaryPassThrough')`, siddhi-map-binarypassthrough): bytes are
 * moved as they are, in the stream's first attribute (of type object), e.g. a file read in BINARY.CHUNKED
 * mode and sent on over `websocket-server`.
 * Source: a message's bytes become the first attribute; the other attributes are null unless mapped to
 * transport properties (`@attributes(buffer='0', eof='trp:eof', ...)`); a message missing a mapped property
 * is dropped and reported.
 * Sink: each event publishes the bytes of its first attribute.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import {
  MapperConfigError,
  type MapperAttribute,
  type MappedInput,
  type SinkMapper,
  type SinkMapperConfig,
  type SinkMapperFactory,
  type SourceMapperConfig,
  type SourceMapperFactory,
} from './mapper.js';
import { resolveAttributeMappings, type ResolvedMappings } from './shared/attribute-mappings.js';
import { typeName } from './shared/options.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';

const NAME = 'binaryPassThrough';

function spec(kind: 'sourceMapper' | 'sinkMapper'): ExtensionSpec {
  const source = kind === 'sourceMapper';
  return {
    kind,
    namespace: '',
    name: NAME,
    description: source
      ? "Puts a message's bytes, as they are, in the stream's first attribute (of type object). The other attributes are null, or transport properties through `@attributes` (`trp:` mappings); a message that lacks a mapped property is dropped and reported."
      : "Publishes the bytes held in each event's first attribute (of type object), as they are: one message per event. An event whose first attribute holds no bytes is reported and not published.",
    parameters: [],
    options: [],
    examples: [
      source
        ? {
            syntax:
              "@source(type='file', mode='binary.chunked', file.uri='file:///data/video.bin', @map(type='binaryPassThrough', @attributes(buffer='0', eof='trp:eof', sequenceNumber='trp:sequence.number')))\ndefine stream Chunks (buffer object, eof bool, sequenceNumber int);",
            description: 'Each chunk of the file is an event: its bytes, whether it is the last, and its number.',
          }
        : {
            syntax:
              "@sink(type='websocket-server', host='localhost', port='8080', @map(type='binaryPassThrough'))\ndefine stream BarStream (buffer object);",
            description: 'Sends the bytes of each event to the connected WebSocket clients as a binary message.',
          },
    ],
  };
}

/** The bytes go in the first attribute, which must be able to hold them. */
function checkFirstAttribute(streamId: string, attributes: readonly MapperAttribute[], side: string): void {
  const first = attributes[0];
  if (first?.type !== 'object') {
    throw new MapperConfigError(
      `'${NAME}' ${side} the bytes in the first attribute of stream '${streamId}', which must be of type object${first ? `, not ${first.type} ('${first.name}')` : ''}`,
    );
  }
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

class BinaryPassThroughSource extends TransportAwareSourceMapper {
  protected readonly mappings: ResolvedMappings | undefined;
  protected readonly failOnMissing = true;
  private readonly width: number;

  constructor(config: SourceMapperConfig) {
    super();
    this.width = config.attributes.length;
    checkFirstAttribute(config.streamId, config.attributes, 'puts');
    // Only the `trp:` mappings matter: the bytes always go to the first attribute.
    this.mappings = resolveAttributeMappings(config, NAME);
  }

  protected mapPayload(payload: unknown): MappedInput {
    if (!isBytes(payload)) {
      return {
        events: [],
        errors: [{ message: `Event object must be bytes, but found ${typeName(payload)}`, payload }],
      };
    }
    const data = new Array<unknown>(this.width).fill(null);
    data[0] = payload;
    return { events: [data], errors: [] };
  }
}

class BinaryPassThroughSink implements SinkMapper {
  constructor(private readonly config: SinkMapperConfig) {
    checkFirstAttribute(config.streamId, config.attributes, 'publishes');
  }

  map(events: readonly (readonly unknown[])[]): readonly unknown[] {
    const out: Uint8Array[] = [];
    for (const e of events) {
      const bytes = e[0];
      if (isBytes(bytes)) out.push(bytes);
      else
        this.config.onError?.({
          message: `'${NAME}' publishes the bytes of the first attribute, but it holds ${typeName(bytes)}`,
          payload: [...e],
        });
    }
    return out;
  }
}

export const binaryPassThroughSourceMapper: SourceMapperFactory = {
  spec: spec('sourceMapper'),
  create: (config) => new BinaryPassThroughSource(config),
};

export const binaryPassThroughSinkMapper: SinkMapperFactory = {
  spec: spec('sinkMapper'),
  create: (config) => new BinaryPassThroughSink(config),
};
