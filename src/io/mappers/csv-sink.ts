/**
 * CSV sink mapper (`@map(type='csv')`): Siddhi's siddhi-map-csv output semantics (commons-csv printing).
 * Each event is one record ending with a new line; null prints as `null`; a field holding the delimiter,
 * a quote or a line break (or starting with a character up to `#`, or ending with a space) is quoted.
 * `@payload(symbol='0', volume='1')` picks and orders the columns; `header='true'` publishes the column
 * names once, as the first message. With `event.grouping.enabled` a group is one multi-line message.
 */
import { javaValueToString } from '../../engine/functions/shared/java-format.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import { MapperConfigError, type SinkMapper, type SinkMapperConfig, type SinkMapperFactory } from './mapper.js';
import { boolOption, stringOption } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'csv',
  description:
    "Converts events into CSV records (one line each, ending with a new line). `@payload(attr='index', ...)` chooses the columns and their order.",
  parameters: [],
  options: [
    {
      name: 'delimiter',
      type: ['string'],
      optional: true,
      defaultValue: ',',
      description: 'Field separator; `\\t` writes tab separated values.',
    },
    {
      name: 'header',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, the column names are published once, as the first message.',
    },
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, the events of a multi-event chunk become one message of several lines.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='csv'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `WSO2,55.6,100\\n`.',
    },
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='csv', delimiter='-', @payload(symbol='0', price='2', volume='1')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `WSO2-100-55.6\\n`.',
    },
  ],
};

class CsvSinkMapper implements SinkMapper {
  private readonly delimiter: string;
  private readonly grouping: boolean;
  private pendingHeader: boolean;
  /** Attribute position of each column. */
  private readonly columns: readonly number[];

  constructor(private readonly config: SinkMapperConfig) {
    const o = config.options;
    const d = stringOption(o, 'delimiter', ',');
    this.delimiter = d === '\\t' ? '\t' : d;
    this.grouping = boolOption(o, 'event.grouping.enabled', false);
    this.pendingHeader = boolOption(o, 'header', false);
    const attrs = config.attributes;
    if (config.payload === undefined) this.columns = attrs.map((_, i) => i);
    else {
      if (!('keyed' in config.payload))
        throw new MapperConfigError(
          `The csv sink mapper of '${config.streamId}' takes @payload(attr='index', ...), not a template.`,
        );
      const columns: number[] = new Array<number>(config.payload.keyed.size).fill(-1);
      for (const [name, value] of config.payload.keyed) {
        const position = attrs.findIndex((a) => a.name === name);
        if (position < 0)
          throw new MapperConfigError(
            `[ERROR] ${name} isn't an attribute of '${config.streamId}' of siddhi CSV output mapper.`,
          );
        if (!/^\d+$/.test(value.trim()))
          throw new MapperConfigError(
            `[ERROR] ${name}'s value : ${value} should be an Integer in the '${config.streamId}' of siddhi CSV output mapper.`,
          );
        const index = Number(value.trim());
        if (index >= columns.length)
          throw new MapperConfigError(
            `The index given for the attribute ${name} is invalid. It should be between 0 and ${columns.length}`,
          );
        columns[index] = position;
      }
      if (columns.includes(-1))
        throw new MapperConfigError(
          `The @payload indexes of the csv sink mapper of '${config.streamId}' must be 0 to ${columns.length - 1}, each once.`,
        );
      this.columns = columns;
    }
  }

  map(events: readonly (readonly unknown[])[], grouped = false): readonly unknown[] {
    const out: string[] = [];
    if (events.length === 0) return out;
    if (this.pendingHeader) {
      this.pendingHeader = false;
      out.push(this.record(this.columns.map((p) => this.config.attributes[p]?.name)));
    }
    const lines = events.map((e) =>
      this.record(
        this.columns.map((p) =>
          e[p] === null || e[p] === undefined ? null : javaValueToString(e[p], this.config.attributes[p]?.type),
        ),
      ),
    );
    if (this.grouping && (grouped || events.length > 1)) out.push(lines.join(''));
    else out.push(...lines);
    return out;
  }

  private record(fields: readonly (string | null | undefined)[]): string {
    return `${fields.map((f, i) => (f === null || f === undefined ? 'null' : this.quote(f, i === 0))).join(this.delimiter)}\n`;
  }

  /** commons-csv's MINIMAL quote mode. */
  private quote(value: string, first: boolean): string {
    let needs: boolean;
    if (value.length === 0) needs = first;
    else {
      const c0 = value.charCodeAt(0);
      const last = value.charCodeAt(value.length - 1);
      needs = c0 <= 0x23 || value.includes(this.delimiter) || /["\r\n]/.test(value) || last <= 0x20;
    }
    return needs ? `"${value.replace(/"/g, '""')}"` : value;
  }
}

export const csvSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new CsvSinkMapper(config),
};
