/**
 * Binary sink mapper (`@map(type='binary')`): siddhi-map-binary's output side. The events of a chunk (or of
 * each group of it, by the sink's dynamic options) become one message, as Siddhi's sink maps an event
 * array: an int32 event count, then per event its int64 timestamp and attributes in stream order (int32,
 * int64, float32, float64, a byte 1/0 for bool, int32 length + UTF-8 bytes for string, an int32 0 for
 * object), big-endian. A null string is sent as length 0 (what the source side reads as null); an event
 * with another null, or a value its type cannot hold, is left out of the message and reported.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import { MapperConfigError, type SinkMapper, type SinkMapperConfig, type SinkMapperFactory } from './mapper.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'binary',
  description:
    "Converts events into messages in siddhi-map-binary's format (what SI nodes send each other over `tcp`): the events of a chunk make one message, an int32 event count followed by each event's int64 timestamp and attributes in stream order (int32, int64, float32, float64, one byte for bool, int32 length and UTF-8 bytes for string), all big-endian. A null string is sent as an empty one (received as null); an `object` attribute is not carried (4 zero bytes). An event with any other null is not sent and is reported. No `@payload`.",
  parameters: [],
  options: [],
  examples: [
    {
      syntax:
        "@sink(type='tcp', url='tcp://localhost:9892/SmartHomeData', @map(type='binary'))\ndefine stream SmartHomeData (id string, value float, property bool, plugId int, householdId int, houseId int, currentTime string);",
      description:
        "Sends the events to the `tcp` source of an SI (or Tributary) node with context SmartHomeData and `@map(type='binary')`.",
    },
  ],
};

const TWO_32 = 4294967296;
const TWO_63 = 2 ** 63;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
}

function isLong(v: unknown): v is number | bigint {
  if (typeof v === 'bigint') return v >= -(2n ** 63n) && v < 2n ** 63n;
  return typeof v === 'number' && Number.isInteger(v) && v >= -TWO_63 && v < TWO_63;
}

/** The bytes a value takes, or -1 when the type cannot hold it. */
function sizeOf(v: unknown, type: AttributeType): number {
  switch (type) {
    case 'int':
      return isInt(v) ? 4 : -1;
    case 'long':
      return isLong(v) ? 8 : -1;
    case 'float':
      return typeof v === 'number' ? 4 : -1;
    case 'double':
      return typeof v === 'number' ? 8 : -1;
    case 'bool':
      return typeof v === 'boolean' ? 1 : -1;
    case 'string':
      if (v === null || v === undefined) return 4;
      return typeof v === 'string' ? 4 + Buffer.byteLength(v, 'utf8') : -1;
    case 'object':
      return 4;
  }
}

function writeLong(out: Buffer, v: number | bigint, at: number): number {
  if (typeof v === 'bigint') return out.writeBigInt64BE(v, at);
  const hi = Math.floor(v / TWO_32);
  out.writeInt32BE(hi, at);
  return out.writeUInt32BE(v - hi * TWO_32, at + 4);
}

/** Writes a value `sizeOf` accepted; returns the offset after it. */
function write(out: Buffer, v: unknown, type: AttributeType, at: number): number {
  switch (type) {
    case 'int':
      return out.writeInt32BE(v as number, at);
    case 'long':
      return writeLong(out, v as number | bigint, at);
    case 'float':
      return out.writeFloatBE(v as number, at);
    case 'double':
      return out.writeDoubleBE(v as number, at);
    case 'bool':
      return out.writeUInt8(v === true ? 1 : 0, at);
    case 'string': {
      if (typeof v !== 'string' || v.length === 0) return out.writeInt32BE(0, at);
      const n = out.write(v, at + 4, 'utf8');
      out.writeInt32BE(n, at);
      return at + 4 + n;
    }
    case 'object':
      return out.writeInt32BE(0, at);
  }
}

function show(data: readonly unknown[]): string {
  try {
    return JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(data);
  }
}

class BinarySinkMapper implements SinkMapper {
  private readonly types: readonly AttributeType[];

  constructor(private readonly config: SinkMapperConfig) {
    if (config.payload) {
      throw new MapperConfigError(
        `Binary sink-mapper does not support @payload mapping, error at the mapper of '${config.streamId}'`,
      );
    }
    this.types = config.attributes.map((a) => a.type);
  }

  map(events: readonly (readonly unknown[])[], _grouped?: boolean, timestamps?: readonly number[]): readonly unknown[] {
    const types = this.types;
    const sizes = new Array<number>(events.length);
    let total = 4;
    let count = 0;
    for (let e = 0; e < events.length; e++) {
      const data = events[e]!;
      let size = 8;
      for (let i = 0; i < types.length; i++) {
        const n = sizeOf(data[i], types[i]!);
        if (n < 0) {
          size = -1;
          this.drop(data, i);
          break;
        }
        size += n;
      }
      sizes[e] = size;
      if (size > 0) {
        total += size;
        count++;
      }
    }
    if (count === 0) return [];
    const out = Buffer.allocUnsafe(total);
    let at = out.writeInt32BE(count, 0);
    for (let e = 0; e < events.length; e++) {
      if (sizes[e]! < 0) continue;
      const data = events[e]!;
      at = writeLong(out, timestamps?.[e] ?? -1, at);
      for (let i = 0; i < types.length; i++) at = write(out, data[i], types[i]!, at);
    }
    return [out];
  }

  private drop(data: readonly unknown[], index: number): void {
    const a = this.config.attributes[index]!;
    const v = data[index];
    const why = v === null || v === undefined ? 'null, which the format cannot carry' : `${String(v)}, not a ${a.type}`;
    this.config.onError?.({
      message: `binary mapper of stream '${this.config.streamId}' dropped event ${show(data)}: its '${a.name}' (${a.type}) is ${why}`,
      payload: data,
    });
  }
}

export const binarySinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new BinarySinkMapper(config),
};
