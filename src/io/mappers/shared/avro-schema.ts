/**
 * The Avro schema of an `avro` mapper: `schema.def` (the schema as JSON text), `schema.path` (a file holding
 * it), or, without either, Siddhi's generated flat record named after the stream with one field per
 * attribute (string, int, long, float, double, boolean; object attributes cannot be generated).
 * The schema is a record, or an array of records (a batch: one message, many events). Uses `avsc`.
 */
import { readFileSync } from 'node:fs';
import type avro from 'avsc';
import type { OptionSpec } from '../../../lang/catalog.js';
import { MapperConfigError, type MapperAttribute } from '../mapper.js';
import { lazyRequire } from './lazy-require.js';

/** avsc, loaded when the first avro mapper is created. */
const avsc = lazyRequire<typeof avro>('avsc');

export const AVRO_SCHEMA_OPTIONS: OptionSpec[] = [
  {
    name: 'schema.def',
    type: ['string'],
    optional: true,
    description:
      'The Avro schema as JSON text: a record, or an array of records for batches. Without it (and without `schema.path`) a flat record of the stream attributes is generated.',
  },
  {
    name: 'schema.path',
    type: ['string'],
    optional: true,
    description: 'A file holding the Avro schema (`.avsc` JSON), instead of `schema.def`.',
  },
];

const GENERATED: Record<string, string> = {
  string: 'string',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  bool: 'boolean',
};

export interface AvroSchema {
  readonly type: avro.Type;
  /** The record type of one event (the item type of an array schema). */
  readonly record: avro.types.RecordType;
  /** Whether a message is an array of records. */
  readonly batch: boolean;
}

function schemaText(options: ReadonlyMap<string, string>, streamId: string): string | undefined {
  const def = options.get('schema.def');
  const path = options.get('schema.path');
  if (options.get('schema.registry') !== undefined || options.get('schema.id') !== undefined) {
    throw new MapperConfigError(
      `avro mapper of stream '${streamId}': schema.registry / schema.id are not supported; give the schema with schema.def or schema.path`,
    );
  }
  if (def !== undefined && path !== undefined) {
    throw new MapperConfigError(`avro mapper of stream '${streamId}': give schema.def or schema.path, not both`);
  }
  if (path === undefined) return def;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new MapperConfigError(
      `avro mapper of stream '${streamId}': schema.path '${path}' cannot be read (${(e as Error).message})`,
    );
  }
}

export function avroSchema(
  options: ReadonlyMap<string, string>,
  attributes: readonly MapperAttribute[],
  streamId: string,
): AvroSchema {
  const text = schemaText(options, streamId);
  let schema: unknown;
  if (text === undefined) {
    schema = {
      type: 'record',
      name: streamId.replace(/[^A-Za-z0-9_]/g, '_'),
      fields: attributes.map((a) => {
        const t = GENERATED[a.type];
        if (t === undefined) {
          throw new MapperConfigError(
            `avro mapper of stream '${streamId}': attribute '${a.name}' of type ${a.type.toUpperCase()} has no Avro type; give schema.def`,
          );
        }
        return { name: a.name, type: t };
      }),
    };
  } else {
    try {
      schema = JSON.parse(text) as unknown;
    } catch (e) {
      throw new MapperConfigError(
        `avro mapper of stream '${streamId}': the schema is not JSON (${(e as Error).message}): ${text}`,
      );
    }
  }
  const { Type, types } = avsc();
  let type: avro.Type;
  try {
    type = Type.forSchema(schema as avro.Schema);
  } catch (e) {
    throw new MapperConfigError(`avro mapper of stream '${streamId}': invalid Avro schema: ${(e as Error).message}`);
  }
  if (type instanceof types.RecordType) return { type, record: type, batch: false };
  if (type instanceof types.ArrayType && type.itemsType instanceof types.RecordType) {
    return { type, record: type.itemsType, batch: true };
  }
  throw new MapperConfigError(
    `avro mapper of stream '${streamId}': the schema must be a record or an array of records, not ${type.typeName}`,
  );
}

/** Where and why a value does not fit an Avro type, e.g. "field 'age': null is not a int". */
export function avroMismatch(type: avro.Type, value: unknown): string | undefined {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path: string[], v: unknown, t: avro.Type) => {
      const shown = typeof v === 'string' ? JSON.stringify(v) : String(v);
      problems.push(
        `${path.length > 0 ? `field '${path.join('.')}'` : 'the value'}: ${shown} is not a ${t.typeName ?? 'valid value'}`,
      );
    },
  });
  return problems.length > 0 ? problems.join('; ') : undefined;
}
