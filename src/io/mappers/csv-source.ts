/**
 * CSV source mapper (`@map(type='csv')`): Siddhi's siddhi-map-csv input semantics. Each record of a message
 * is one event, fields in attribute order (default) or at the indexes given in `@attributes`. With
 * `header='true'` the first message the mapper ever receives is skipped. `delimiter='\t'` reads TSV
 * (surrounding spaces trimmed).
 */
import { parse } from 'csv-parse/sync';
import type { ExtensionSpec } from '../../lang/catalog.js';
import {
  MapperConfigError,
  type MappedInput,
  type MappingError,
  type SourceMapperConfig,
  type SourceMapperFactory,
} from './mapper.js';
import { resolveAttributeMappings } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { convertText, reason } from './shared/java-parse.js';
import { boolOption, payloadText, stringOption, typeName } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'csv',
  description:
    "Converts CSV messages into events: one event per record, fields in attribute order or at the indexes given in `@attributes` (`@attributes(symbol='2', price='0')`).",
  parameters: [],
  options: [
    {
      name: 'delimiter',
      type: ['string'],
      optional: true,
      defaultValue: ',',
      description: 'Field separator; `\\t` reads tab separated values.',
    },
    {
      name: 'header',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        'When true, the first message received (the header line) is skipped. `header.present` is accepted too.',
    },
    {
      name: 'header.present',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'The same as `header` (used when `header` is not given).',
    },
    {
      name: 'fail.on.unknown.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, a record whose field cannot be converted to the attribute type is dropped; when false, the attribute is null.',
    },
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Whether a message holds several records (one per line); records are always read line by line here.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='csv'))\ndefine stream FooStream (symbol string, price float, volume int);",
      description: 'Reads `WSO2,55.6,100`.',
    },
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='csv', @attributes(symbol='2', price='0', volume='1')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads `55.6,100,WSO2`.',
    },
  ],
};

class CsvSourceMapper extends TransportAwareSourceMapper {
  protected readonly failOnMissing: boolean;
  private readonly delimiter: string;
  protected readonly mappings;
  private readonly positions: readonly { readonly position: number; readonly index: number }[];
  private skipNext: boolean;

  constructor(private readonly config: SourceMapperConfig) {
    super();
    const o = config.options;
    const d = stringOption(o, 'delimiter', ',');
    this.delimiter = d === '\\t' ? '\t' : d;
    this.skipNext = boolOption(o, 'header', boolOption(o, 'header.present', false));
    this.failOnMissing = boolOption(o, 'fail.on.unknown.attribute', true);
    this.mappings = resolveAttributeMappings(config, 'csv');
    this.positions = this.mappings
      ? this.mappings.payload.map((m) => {
          if (!/^\d+$/.test(m.mapping))
            throw new MapperConfigError(
              `The index '${m.mapping}' of attribute '${m.name}' of stream '${config.streamId}' is not a whole number.`,
            );
          return { position: m.position, index: Number(m.mapping) };
        })
      : config.attributes.map((_, i) => ({ position: i, index: i }));
  }

  protected mapPayload(payload: unknown): MappedInput {
    const text = payloadText(payload);
    if (text === undefined)
      return {
        events: [],
        errors: [
          {
            message: `Invalid input supported type received. Expected String, but found ${typeName(payload)}`,
            payload,
          },
        ],
      };
    if (this.skipNext) {
      this.skipNext = false;
      return { events: [], errors: [] };
    }
    let records: string[][];
    try {
      const tsv = this.delimiter === '\t';
      records = parse(text, {
        delimiter: this.delimiter,
        quote: '"',
        relax_column_count: true,
        skip_empty_lines: true,
        trim: tsv,
      }) as string[][];
    } catch (e) {
      return {
        events: [],
        errors: [
          {
            message: `[Error] when converting the event from CSV message: ${text} to Siddhi Event in the stream ${this.config.streamId} of siddhi CSV input mapper. ${reason(e)}`,
            payload,
          },
        ],
      };
    }
    const events: unknown[][] = [];
    const errors: MappingError[] = [];
    for (const record of records) {
      const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
      let error: string | undefined;
      for (const { position, index } of this.positions) {
        const a = this.config.attributes[position] as (typeof this.config.attributes)[number];
        const field = record[index];
        if (field === undefined) {
          error = `Invalid format of event because some required attributes are missing in the event '${record.join(this.delimiter)}' in the stream '${this.config.streamId}' of siddhi CSV input mapper.`;
          break;
        }
        try {
          data[position] = convertText(field, a.type);
        } catch (e) {
          if (this.failOnMissing) {
            error = `Incompatible data format. Because value of '${a.name}' is ${field} and attribute type is ${a.type.toUpperCase()} in the stream ${this.config.streamId} of siddhi csv input mapper. (${reason(e)})`;
            break;
          }
        }
      }
      if (error !== undefined) errors.push({ message: error, payload: record.join(this.delimiter) });
      else events.push(data);
    }
    return { events, errors };
  }
}

export const csvSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new CsvSourceMapper(config),
};
