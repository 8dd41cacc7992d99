/**
 * Avro source mapper (`@map(type='avro', schema.def='...')`): siddhi-map-avro's input side. A message is
 * the Avro binary encoding (bytes) of one record, or of an array of records (one event each). Default
 * mapping: record fields to attributes by name (a field the stream lacks drops the message); custom
 * mapping: `@attributes(name='user.name', ...)` JSONPath-like paths into each record, `trp:` for transport
 * properties. Values must fit the attribute type (int within 32 bits, long whole, float/double numbers,
 * bool, string); null (e.g. a `["null","int"]` union) is null.
 */
import { JSONPath } from 'jsonpath-plus';
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappedInput, MappingError, SourceMapperConfig, SourceMapperFactory } from './mapper.js';
import { resolveAttributeMappings, type ResolvedMappings } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { AVRO_SCHEMA_OPTIONS, avroSchema, type AvroSchema } from './shared/avro-schema.js';
import { boolOption, typeName } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'avro',
  description:
    'Converts Avro binary messages into events: a record per event, or an array of records (a batch). Default mapping reads record fields into the attributes of the same name; custom mapping reads each attribute at the path `@attributes` gives.',
  parameters: [],
  options: [
    ...AVRO_SCHEMA_OPTIONS,
    {
      name: 'fail.on.missing.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, a record lacking an attribute (or a path that finds nothing) is dropped; when false, the attribute is null.',
    },
  ],
  examples: [
    {
      syntax:
        '@source(type=\'inMemory\', topic=\'user\', @map(type=\'avro\', schema.def="""{"type":"record","name":"userInfo","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"}]}"""))\ndefine stream UserStream (name string, age int);',
      description: 'Reads the Avro encoding of `{"name":"Ann","age":31}` as the event ("Ann", 31).',
    },
    {
      syntax:
        '@source(type=\'inMemory\', topic=\'user\', @map(type=\'avro\', schema.def="""{"type":"record","name":"userInfo","fields":[{"name":"username","type":"string"},{"name":"address","type":{"type":"record","name":"address","fields":[{"name":"city","type":"string"}]}}]}""", @attributes(name=\'username\', city=\'address.city\')))\ndefine stream UserStream (name string, city string);',
      description: 'Custom mapping: nested fields by path.',
    },
  ],
};

type Outcome = { data: unknown[] } | { error: string };

function show(value: unknown): string {
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The attribute value of an Avro value, or undefined when it does not fit the type. */
function convert(value: unknown, type: AttributeType): unknown {
  switch (type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
        ? value
        : undefined;
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'float':
      return typeof value === 'number' ? Math.fround(value) : undefined;
    case 'double':
      return typeof value === 'number' ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'object':
      return value;
  }
}

function normalizePath(path: string): string {
  return path.startsWith('$') ? path : `$.${path}`;
}

class AvroSourceMapper extends TransportAwareSourceMapper {
  private readonly schema: AvroSchema;
  protected readonly failOnMissing: boolean;
  protected readonly mappings: ResolvedMappings | undefined;

  constructor(private readonly config: SourceMapperConfig) {
    super();
    this.schema = avroSchema(config.options, config.attributes, config.streamId);
    this.failOnMissing = boolOption(config.options, 'fail.on.missing.attribute', true);
    this.mappings = resolveAttributeMappings(config, 'avro');
  }

  protected mapPayload(payload: unknown): MappedInput {
    let bytes: Buffer;
    if (payload instanceof Uint8Array) bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    else if (payload instanceof ArrayBuffer) bytes = Buffer.from(payload);
    else {
      return fail(payload, `Event object is invalid. Expected byte array, but found ${typeName(payload)}`);
    }
    let decoded: unknown;
    try {
      decoded = this.schema.type.fromBuffer(bytes);
    } catch (e) {
      return fail(
        payload,
        `Avro message of ${bytes.length} bytes cannot be read with schema ${this.schema.type.name ?? this.schema.type.typeName}: ${(e as Error).message}. Hence dropping the message.`,
      );
    }
    const records = this.schema.batch ? (decoded as unknown[]) : [decoded];
    const events: unknown[][] = [];
    const errors: MappingError[] = [];
    for (const r of records) {
      const o = this.mappings ? this.customEvent(r) : this.defaultEvent(r as Record<string, unknown>);
      if ('data' in o) events.push(o.data);
      else errors.push({ message: o.error, payload: show(r) });
    }
    return { events, errors };
  }

  private defaultEvent(record: Record<string, unknown>): Outcome {
    const attrs = this.config.attributes;
    for (const key of Object.keys(record)) {
      if (!attrs.some((a) => a.name === key)) {
        return {
          error: `Stream "${this.config.streamId}" does not have an attribute named "${key}", but the received Avro record ${show(record)} does. Hence dropping the message.`,
        };
      }
    }
    const data: unknown[] = [];
    for (const a of attrs) {
      const v = record[a.name];
      if (v === undefined) {
        if (this.failOnMissing) {
          return {
            error: `Avro record ${show(record)} has no field '${a.name}' for attribute '${a.name}'. Hence dropping the message.`,
          };
        }
        data.push(null);
        continue;
      }
      const o = this.value(v, a.type, a.name, record);
      if ('error' in o) return o;
      data.push(o.value);
    }
    return { data };
  }

  private customEvent(record: unknown): Outcome {
    const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
    for (const m of (this.mappings as ResolvedMappings).payload) {
      const found = JSONPath({ path: normalizePath(m.mapping), json: record as object, wrap: true }) as
        unknown[] | undefined;
      if (!found || found.length === 0) {
        if (this.failOnMissing) {
          return {
            error: `Avro record ${show(record)} has nothing at '${m.mapping}' for attribute '${m.name}'. Hence dropping the message.`,
          };
        }
        continue;
      }
      const o = this.value(found.length === 1 ? found[0] : found, m.type, m.name, record);
      if ('error' in o) return o;
      data[m.position] = o.value;
    }
    return { data };
  }

  private value(
    v: unknown,
    type: AttributeType,
    name: string,
    record: unknown,
  ): { value: unknown } | { error: string } {
    if (v === null) return { value: null };
    const converted = convert(v, type);
    if (converted === undefined) {
      return {
        error: `Avro record ${show(record)} contains incompatible attribute types and values. Value ${show(v)} of '${name}' is not compatible with type ${type.toUpperCase()}. Hence dropping the message.`,
      };
    }
    return { value: converted };
  }
}

function fail(payload: unknown, message: string): MappedInput {
  return { events: [], errors: [{ message, payload }] };
}

export const avroSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new AvroSourceMapper(config),
};
