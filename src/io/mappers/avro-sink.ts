/**
 * Avro sink mapper (`@map(type='avro', schema.def='...')`): siddhi-map-avro's output side. Each event becomes
 * the Avro binary encoding (a Buffer) of a record: default mapping fills each field from the attribute of
 * the same name (a field without one takes its schema default); `@payload('{"f":"{{attr}}",...}')` builds
 * the record as JSON text first. With an array-of-records schema the events of a chunk (group) become one
 * message (a Tributary addition; Siddhi maps one event per message). An event that does not fit the schema
 * is dropped and reported, naming the field.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { SinkMapper, SinkMapperConfig, SinkMapperFactory } from './mapper.js';
import { AVRO_SCHEMA_OPTIONS, avroMismatch, avroSchema, type AvroSchema } from './shared/avro-schema.js';
import { singleTextTemplate, type Template } from './shared/template.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'avro',
  description:
    'Converts events into Avro binary messages (bytes): one record per event, filled from the attributes of the same names or from the `@payload` JSON template; an array-of-records schema makes a chunk one message.',
  parameters: [],
  options: AVRO_SCHEMA_OPTIONS,
  examples: [
    {
      syntax:
        '@sink(type=\'inMemory\', topic=\'stock\', @map(type=\'avro\', schema.def="""{"type":"record","name":"stock","namespace":"stock.example","fields":[{"name":"symbol","type":"string"},{"name":"price","type":"float"},{"name":"volume","type":"long"}]}"""))\ndefine stream StockStream (symbol string, price float, volume long);',
      description: 'Publishes the Avro encoding of each event as a record.',
    },
    {
      syntax:
        '@sink(type=\'inMemory\', topic=\'stock\', @map(type=\'avro\', schema.def="""{"type":"record","name":"quote","fields":[{"name":"Symbol","type":"string"},{"name":"Price","type":"float"}]}""", @payload("""{"Symbol":"{{symbol}}","Price":{{price}}}""")))\ndefine stream StockStream (symbol string, price float, volume long);',
      description: 'Custom mapping: the record is built from the JSON template.',
    },
  ],
};

class AvroSinkMapper implements SinkMapper {
  private readonly schema: AvroSchema;
  private readonly template: Template | undefined;
  /** Attribute index of each record field (-1: none, the field default applies). */
  private readonly fieldIndex: { name: string; index: number }[];

  constructor(private readonly config: SinkMapperConfig) {
    this.schema = avroSchema(config.options, config.attributes, config.streamId);
    this.template = singleTextTemplate(config.payload, config.attributes, config.streamId, 'Avro');
    this.fieldIndex = this.schema.record.fields.map((f) => ({
      name: f.name,
      index: config.attributes.findIndex((a) => a.name === f.name),
    }));
  }

  map(events: readonly (readonly unknown[])[]): readonly unknown[] {
    const records: unknown[] = [];
    const mapped: (readonly unknown[])[] = [];
    for (const e of events) {
      const r = this.record(e);
      if (r === undefined) continue;
      records.push(r);
      mapped.push(e);
    }
    if (records.length === 0) return [];
    if (this.schema.batch) return this.encode(records, mapped);
    return records.flatMap((r, i) => this.encode(r, [mapped[i] ?? []]));
  }

  private record(data: readonly unknown[]): unknown {
    if (this.template !== undefined) {
      const text = String(this.template.build(data, 'null'));
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        this.drop(`the @payload of event ${JSON.stringify(data)} is not JSON (${(e as Error).message}): ${text}`, data);
        return undefined;
      }
    }
    const record: Record<string, unknown> = {};
    for (const f of this.fieldIndex) {
      if (f.index >= 0) record[f.name] = data[f.index] ?? null;
    }
    // Fields without an attribute take their defaults (avsc fills them when cloning).
    try {
      return this.schema.record.clone(record);
    } catch {
      return record;
    }
  }

  private encode(value: unknown, events: readonly (readonly unknown[])[]): Buffer[] {
    const type = this.schema.type;
    const mismatch = avroMismatch(type, value);
    if (mismatch !== undefined) {
      this.drop(
        `${JSON.stringify(events.length === 1 ? events[0] : events)} does not fit the Avro schema: ${mismatch}`,
        events,
      );
      return [];
    }
    return [type.toBuffer(value)];
  }

  private drop(message: string, payload: unknown): void {
    this.config.onError?.({ message: `Avro mapper of stream '${this.config.streamId}' dropped ${message}`, payload });
  }
}

export const avroSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new AvroSinkMapper(config),
};
