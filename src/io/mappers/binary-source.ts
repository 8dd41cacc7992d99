/**
 * Binary source mapper (`@map(type='binary')`): siddhi-map-binary's input side, the format SI nodes exchange
 * over `tcp`. A message (big-endian throughout) is an int32 event count, then per event an int64 timestamp
 * and the attributes in stream order: int as int32, long as int64, float as float32, double as float64,
 * bool as one byte (1 is true, anything else false), string as an int32 byte length and its UTF-8 bytes
 * (length 0 reads as null), object as an int32 placeholder (siddhi-map-binary's sink writes 0) read as
 * null. Events keep the timestamp they carry (-1: the arrival time). A message that is short, has a
 * negative count or length, or has bytes left over is dropped whole and reported.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import {
  MapperConfigError,
  type MappedInput,
  type SourceMapper,
  type SourceMapperConfig,
  type SourceMapperFactory,
} from './mapper.js';
import { typeName } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'binary',
  description:
    "Converts messages in siddhi-map-binary's format (what SI nodes send each other over `tcp`) into events: an int32 event count, then per event an int64 timestamp and the attributes in stream order (int32, int64, float32, float64, one byte for bool, int32 length and UTF-8 bytes for string), all big-endian. Events keep the timestamps they carry. An empty string arrives as null; an `object` attribute is not carried (4 bytes, read as null). No custom mapping.",
  parameters: [],
  options: [],
  examples: [
    {
      syntax:
        "@source(type='tcp', context='SmartHomeData', @map(type='binary'))\ndefine stream SmartHomeData (id string, value float, property bool, plugId int, householdId int, houseId int, currentTime string);",
      description:
        "Takes the events an SI (or Tributary) `tcp` sink with `@map(type='binary')` sends to context SmartHomeData.",
    },
  ],
};

class Malformed extends Error {}

/** Reads one message; `at` is where the next value starts. Throws `Malformed` past the end. */
class Reader {
  at = 0;
  constructor(private readonly bytes: Buffer) {}

  get left(): number {
    return this.bytes.length - this.at;
  }

  private need(n: number): number {
    const at = this.at;
    if (at + n > this.bytes.length) {
      throw new Malformed(`needs ${n} bytes from byte ${at}, but the message ends at byte ${this.bytes.length}`);
    }
    this.at = at + n;
    return at;
  }

  int(): number {
    return this.bytes.readInt32BE(this.need(4));
  }

  /** An int64 as a number: exact within ±2^53, else the nearest double. */
  long(): number {
    const at = this.need(8);
    return this.bytes.readInt32BE(at) * 4294967296 + this.bytes.readUInt32BE(at + 4);
  }

  float(): number {
    return this.bytes.readFloatBE(this.need(4));
  }

  double(): number {
    return this.bytes.readDoubleBE(this.need(8));
  }

  bool(): boolean {
    return this.bytes[this.need(1)] === 1;
  }

  string(): string | null {
    const n = this.int();
    if (n < 0) throw new Malformed(`has a negative length (${n}) at byte ${this.at - 4}`);
    if (n === 0) return null;
    const at = this.need(n);
    return this.bytes.toString('utf8', at, at + n);
  }
}

class BinarySourceMapper implements SourceMapper {
  private readonly types: readonly AttributeType[];
  /** Where the message being read is (event number from 1; attribute index, -1 for the timestamp). */
  private event = 0;
  private attribute = -1;

  constructor(private readonly config: SourceMapperConfig) {
    if (config.attributeMappings) {
      throw new MapperConfigError(
        `'binary' source-mapper does not support custom mapping, but found at stream '${config.streamId}'`,
      );
    }
    this.types = config.attributes.map((a) => a.type);
  }

  map(payload: unknown): MappedInput {
    let bytes: Buffer;
    if (payload instanceof Uint8Array) bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    else if (payload instanceof ArrayBuffer) bytes = Buffer.from(payload);
    else return this.fail(payload, `expected the bytes of a binary message, but found ${typeName(payload)}`);
    const r = new Reader(bytes);
    let count = 0;
    this.event = 0;
    try {
      count = r.int();
      if (count < 0) return this.fail(payload, `its event count is negative (${count})`);
      const events: unknown[][] = [];
      const timestamps: number[] = [];
      for (let i = 1; i <= count; i++) {
        this.event = i;
        this.attribute = -1;
        timestamps.push(r.long());
        events.push(this.data(r));
      }
      if (r.left > 0) return this.fail(payload, `${r.left} bytes are left after its ${count} events`);
      return { events, errors: [], timestamps };
    } catch (e) {
      if (e instanceof Malformed) return this.fail(payload, `${this.where(count)} ${e.message}`);
      throw e;
    }
  }

  private data(r: Reader): unknown[] {
    const types = this.types;
    const data = new Array<unknown>(types.length);
    for (let i = 0; i < types.length; i++) {
      this.attribute = i;
      switch (types[i]!) {
        case 'int':
          data[i] = r.int();
          break;
        case 'long':
          data[i] = r.long();
          break;
        case 'float':
          data[i] = r.float();
          break;
        case 'double':
          data[i] = r.double();
          break;
        case 'bool':
          data[i] = r.bool();
          break;
        case 'string':
          data[i] = r.string();
          break;
        case 'object':
          // siddhi-map-binary's sink writes an int32 0 for an object: its value is not carried.
          r.int();
          data[i] = null;
          break;
      }
    }
    return data;
  }

  /** What was being read when the message broke off. */
  private where(count: number): string {
    if (this.event === 0) return 'the event count';
    const of = `event ${this.event} of ${count}`;
    if (this.attribute < 0) return `the timestamp of ${of}`;
    const a = this.config.attributes[this.attribute]!;
    return `attribute '${a.name}' (${a.type}) of ${of}`;
  }

  private fail(payload: unknown, reason: string): MappedInput {
    const size =
      payload instanceof Uint8Array || payload instanceof ArrayBuffer ? ` of ${payload.byteLength} bytes` : '';
    return {
      events: [],
      errors: [
        { message: `binary message${size} for stream '${this.config.streamId}' is malformed: ${reason}`, payload },
      ],
    };
  }
}

export const binarySourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new BinarySourceMapper(config),
};
