/**
 * Text source mapper (`@map(type='text')`): Siddhi's siddhi-map-text input semantics. Default mapping reads
 * `attr:value` pairs separated by `,` + new line, strings in double quotes; custom mapping reads attributes
 * from regex groups: `regex.A='(\w+)\s([-.0-9]+)'` with `@attributes(symbol='A[1]', price='A[2]')` (`B` is
 * group 1). With `event.grouping.enabled` a message holds several events separated by `delimiter` + new line.
 */
import { javaRegex } from '../../engine/functions/shared/java-regex.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappedInput, MappingError, SourceMapperConfig, SourceMapperFactory } from './mapper.js';
import { resolveAttributeMappings } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { convertText, reason } from './shared/java-parse.js';
import { boolOption, payloadText, stringOption, typeName } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'text',
  description:
    'Converts text messages into events: `attr:value` pairs by default, or regex groups named in `@attributes` (`A[1]`) with the patterns given as `regex.A` options.',
  parameters: [],
  options: [
    {
      name: 'regex.groupid',
      family: 'regex.',
      type: ['string'],
      optional: true,
      description:
        'A (Java) regular expression named by the part after `regex.`; `@attributes` refer to its groups as `groupid[n]`.',
    },
    {
      name: 'fail.on.missing.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, an event missing an attribute (or whose regex does not match) is dropped; when false, the attribute is null.',
    },
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, a message holds several events separated by the delimiter line.',
    },
    {
      name: 'delimiter',
      type: ['string'],
      optional: true,
      defaultValue: '~~~~~~~~~~',
      description: 'Separator of grouped events.',
    },
    {
      name: 'new.line.character',
      type: ['string'],
      optional: true,
      defaultValue: '\\n',
      description: 'Line separator used between attributes and around the delimiter.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='text'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads `symbol:"WSO2",\\nprice:55.6,\\nvolume:100`.',
    },
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='text', regex.A='(\\w+)\\s([-.0-9]+)', regex.B='volume=([-0-9]+)', @attributes(symbol='A[1]', price='A[2]', volume='B')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads `wso2 55.6 volume=45`.',
    },
  ],
};

type Outcome = { data: unknown[] } | { error: string };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class TextSourceMapper extends TransportAwareSourceMapper {
  protected readonly failOnMissing: boolean;
  private readonly grouping: boolean;
  private readonly endOfLine: string;
  private readonly eventDelimiter: string;
  protected readonly mappings;
  private readonly regexes = new Map<string, string>();

  constructor(private readonly config: SourceMapperConfig) {
    super();
    const o = config.options;
    this.failOnMissing = boolOption(o, 'fail.on.missing.attribute', true);
    this.grouping = boolOption(o, 'event.grouping.enabled', false);
    this.endOfLine = stringOption(o, 'new.line.character', '\n');
    this.eventDelimiter = stringOption(o, 'delimiter', '~~~~~~~~~~') + this.endOfLine;
    this.mappings = resolveAttributeMappings(config, 'text');
    for (const [k, v] of o) if (k.startsWith('regex.')) this.regexes.set(k.slice(6), v);
  }

  protected mapPayload(payload: unknown): MappedInput {
    const text = payloadText(payload);
    if (text === undefined)
      return {
        events: [],
        errors: [
          {
            message: `Invalid text message received. Expected String or byte array, but found ${typeName(payload)}`,
            payload,
          },
        ],
      };
    let pieces = [text];
    if (this.grouping) {
      // Java's String.split (regex, trailing empty pieces removed); all but the last lose their line end.
      pieces = text.split(new RegExp(escapeRegex(this.eventDelimiter)));
      while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
      pieces = pieces.map((p, i) => (i < pieces.length - 1 ? p.slice(0, p.length - this.endOfLine.length) : p));
    }
    const events: unknown[][] = [];
    const errors: MappingError[] = [];
    for (const piece of pieces) {
      const o = this.mappings ? this.customEvent(piece) : this.defaultEvent(piece);
      if ('data' in o) events.push(o.data);
      else
        errors.push({
          message: `Exception occurred when converting Text message:${piece} to Siddhi Event in the stream ${this.config.streamId} of siddhi text input mapper. ${o.error}`,
          payload: piece,
        });
    }
    return { events, errors };
  }

  private defaultEvent(text: string): Outcome {
    const attrs = this.config.attributes;
    const data: unknown[] = new Array<unknown>(attrs.length).fill(null);
    const parts = text.split(`,${this.endOfLine}`);
    if (parts.length < attrs.length && this.failOnMissing) {
      return { error: `Invalid format of event because some required attributes are missing in event ${text}.` };
    }
    const assigned = new Set<number>();
    for (const part of parts) {
      const colon = part.indexOf(':');
      if (colon < 0) continue;
      const key = part.slice(0, colon).trim();
      const value = part.slice(colon + 1).trim();
      const position = attrs.findIndex((a) => a.name === key);
      if (position < 0 || assigned.has(position)) continue;
      const type = (attrs[position] as (typeof attrs)[number]).type;
      try {
        data[position] =
          type === 'string' ? value.slice(1, value.length - 1) : convertText(value.replace(/,/g, '').trim(), type);
      } catch (e) {
        return {
          error: `Incompatible data format. Because value is ${value} and attribute type is ${type.toUpperCase()} (${reason(e)}).`,
        };
      }
      assigned.add(position);
    }
    // Siddhi compares the highest assigned position + 1 (BitSet.length), not the count of assigned attributes.
    const highest = assigned.size === 0 ? 0 : Math.max(...assigned) + 1;
    if (parts.length > highest && highest < attrs.length && this.failOnMissing) {
      return {
        error: `Invalid format of event because some required attributes are missing while some unnecessary mappings are present ${text}.`,
      };
    }
    return { data };
  }

  private customEvent(text: string): Outcome {
    const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
    for (const m of this.mappings?.payload ?? []) {
      const grouped = /^(.*)\[(\d+)\]$/.exec(m.mapping);
      const id = grouped ? (grouped[1] as string) : m.mapping;
      const group = grouped ? Number(grouped[2]) : 1;
      const pattern = this.regexes.get(id);
      if (pattern === undefined)
        return { error: `Could not find machine regular expression group for ${id} for attribute ${m.name}.` };
      let re: RegExp;
      try {
        re = javaRegex(pattern);
      } catch (e) {
        return { error: `Invalid regular expression regex.${id}: ${reason(e)}` };
      }
      const match = re.exec(text);
      if (match && group >= match.length) return { error: `Could not find group for ${group} in regex.${id}.` };
      const found = match ? match[group] : undefined;
      if (found === undefined) {
        if (this.failOnMissing)
          return {
            error: `Invalid format of event ${text} for attribute ${m.name}: could not find proper value while fail on missing attribute is 'true'.`,
          };
        continue;
      }
      try {
        data[m.position] = m.type === 'string' ? found : convertText(found.replace(/,/g, ''), m.type);
      } catch (e) {
        return {
          error: `Incompatible data format. Because value is ${found} and attribute type is ${m.type.toUpperCase()} (${reason(e)}).`,
        };
      }
    }
    return { data };
  }
}

export const textSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new TextSourceMapper(config),
};
