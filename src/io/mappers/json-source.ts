/**
 * JSON source mapper (`@map(type='json')`): Siddhi's siddhi-map-json input semantics.
 * Default mapping: `{"event":{...}}`, a flat object, or an array of either; values must have the
 * attribute's JSON type (int/long need a whole number, double a decimal, float any number; strings take
 * any value, objects and arrays as JSON text). Custom mapping: JSONPath per attribute, relative to each
 * element selected by `enclosing.element`.
 */
import { JSONPath } from 'jsonpath-plus';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappedInput, MappingError, SourceMapperConfig, SourceMapperFactory } from './mapper.js';
import { resolveAttributeMappings, type ResolvedMapping } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { convertText, reason } from './shared/java-parse.js';
import { boolOption, payloadText, stringOption, typeName } from './shared/options.js';
import { isJsonObject, parseRawJson, RawNumber, rawStringify, toPlain } from './shared/raw-json.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'json',
  description:
    'Converts JSON messages into events. Default mapping reads `{"event":{"attr":value,...}}`, the same object without the `event` wrapper, or an array of either (one event each). Custom mapping reads each attribute with a JSONPath given in `@attributes`, from every element `enclosing.element` selects.',
  parameters: [],
  options: [
    {
      name: 'enclosing.element',
      type: ['string'],
      optional: true,
      defaultValue: '$',
      description:
        'JSONPath of the element holding the events (custom mapping only). When it selects an array, each item is one event and the attribute paths are read relative to it.',
    },
    {
      name: 'fail.on.missing.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, a message (or array item) lacking an attribute is dropped; when false, the attribute is null.',
    },
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'When true, the events of one message enter the stream as one chunk; when false, one by one.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='json'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description:
        'Reads `{"event":{"symbol":"WSO2","price":55.6,"volume":100}}` or `{"symbol":"WSO2","price":55.6,"volume":100}`.',
    },
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='json', enclosing.element='$.portfolio', @attributes(symbol='stock.company.symbol', price='stock.price', volume='stock.volume')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads one event per item of the `portfolio` array (or the `portfolio` object itself).',
    },
  ],
};

type Outcome = { data: unknown[] } | { error: string };

/** Jayway JsonPath accepts paths without the leading `$.`. */
function normalizePath(path: string): string {
  return path.startsWith('$') || path.startsWith('@') ? path : `$.${path}`;
}

/** The value at a JSONPath, or `missing` when the path selects nothing. */
function readPath(json: unknown, path: string): { value: unknown } | 'missing' {
  const found = JSONPath({ path, json: json as object, wrap: true }) as unknown[] | undefined;
  if (!found || found.length === 0) return 'missing';
  return { value: found.length === 1 ? found[0] : found };
}

/** Gson `JsonElement.getAsString()` of an array item's value. */
function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

class JsonSourceMapper extends TransportAwareSourceMapper {
  protected readonly failOnMissing: boolean;
  protected readonly mappings;
  private readonly enclosing: string;

  constructor(private readonly config: SourceMapperConfig) {
    super();
    this.failOnMissing = boolOption(config.options, 'fail.on.missing.attribute', true);
    this.mappings = resolveAttributeMappings(config, 'json');
    this.enclosing = normalizePath(stringOption(config.options, 'enclosing.element', '$'));
  }

  protected mapPayload(payload: unknown): MappedInput {
    const text = payloadText(payload);
    if (text === undefined) {
      return fail(
        payload,
        `Invalid JSON object received. Expected String or byte array, but found ${typeName(payload)}`,
      );
    }
    let json: unknown;
    try {
      json = parseRawJson(text);
    } catch (e) {
      return fail(payload, `Invalid Json String :${text} (${reason(e)})`);
    }
    const events: unknown[][] = [];
    const errors: MappingError[] = [];
    const collect = (o: Outcome, item: unknown): void => {
      if ('data' in o) events.push(o.data);
      else errors.push({ message: o.error, payload: item });
    };
    if (this.mappings !== undefined) {
      const root = readPath(json, this.enclosing);
      if (root === 'missing' || root.value === null) {
        return fail(payload, `Enclosing element ${this.enclosing} cannot be found in the json string ${text}.`);
      }
      const items = Array.isArray(root.value) ? root.value : [root.value];
      for (const item of items) collect(this.customEvent(item, this.mappings.payload), item);
    } else if (Array.isArray(json)) {
      for (const item of json) collect(this.arrayItemEvent(item), item);
    } else if (isJsonObject(json)) {
      collect(this.singleEvent(json, text), payload);
    } else {
      return fail(payload, `Json message ${text} is not a JSON object or array. Hence dropping the message.`);
    }
    return { events, errors };
  }

  /** One object of default mapping, as Siddhi's streaming (Jackson) reader checks it. */
  private singleEvent(json: Record<string, unknown>, text: string): Outcome {
    const attrs = this.config.attributes;
    const data: unknown[] = new Array<unknown>(attrs.length).fill(null);
    let entries = Object.entries(json);
    const first = entries[0];
    if (first !== undefined && first[0].toLowerCase() === 'event') {
      entries = isJsonObject(first[1]) ? [...Object.entries(first[1]), ...entries.slice(1)] : entries.slice(1);
    }
    for (const [key, value] of entries) {
      const position = attrs.findIndex((a) => a.name === key);
      if (position < 0) {
        return {
          error: `Stream "${this.config.streamId}" does not have an attribute named "${key}", but the received event ${text} does. Hence dropping the message. Check whether the json string is in a correct format for default mapping.`,
        };
      }
      if (value === null) continue;
      const type = (attrs[position] as (typeof attrs)[number]).type;
      const incompatible = (): Outcome => ({
        error: `Json message ${text} contains incompatible attribute types and values. Value ${rawStringify(value)} is not compatible with type ${type.toUpperCase()}. Hence dropping the message.`,
      });
      switch (type) {
        case 'bool':
          if (typeof value !== 'boolean') return incompatible();
          data[position] = value;
          break;
        case 'int':
        case 'long':
          if (!(value instanceof RawNumber) || value.isDecimal) return incompatible();
          data[position] = value.value;
          break;
        case 'double':
          if (!(value instanceof RawNumber) || !value.isDecimal) return incompatible();
          data[position] = value.value;
          break;
        case 'float':
          if (!(value instanceof RawNumber)) return incompatible();
          data[position] = Math.fround(value.value);
          break;
        case 'string':
          data[position] =
            typeof value === 'string' ? value : value instanceof RawNumber ? value.text : rawStringify(value);
          break;
        case 'object':
          data[position] = value instanceof RawNumber && value.isDecimal ? Math.fround(value.value) : toPlain(value);
          break;
      }
    }
    if (this.failOnMissing && entries.length !== attrs.length) {
      return { error: `Json message ${text} contains missing attributes. Hence dropping the message.` };
    }
    return { data };
  }

  /** One item of a default-mapping array, as Siddhi's Gson reader takes it: values converted from text. */
  private arrayItemEvent(item: unknown): Outcome {
    const attrs = this.config.attributes;
    if (!isJsonObject(item))
      return { error: `Json message ${rawStringify(item)} is not a JSON object. Hence dropping the message.` };
    let obj: Record<string, unknown> = item;
    const wrapped = Object.prototype.hasOwnProperty.call(item, 'event') && isJsonObject(item['event']);
    if (wrapped) {
      obj = item['event'] as Record<string, unknown>;
      if (this.failOnMissing && Object.keys(obj).length < attrs.length) {
        return { error: `Json message ${rawStringify(obj)} contains missing attributes. Hence dropping the message.` };
      }
    } else if (Object.keys(obj).length < attrs.length) {
      return {
        error: `Json message ${rawStringify(obj)} is not in an accepted format for default mapping. Hence dropping the message.`,
      };
    }
    const data: unknown[] = [];
    for (const a of attrs) {
      const value = obj[a.name];
      if (value === undefined || value === null) {
        data.push(null);
        continue;
      }
      if (a.type === 'object') {
        data.push(toPlain(value));
        continue;
      }
      const s = asString(value) ?? (a.type === 'string' ? rawStringify(value) : undefined);
      if (s === undefined) {
        return {
          error: `Json message ${rawStringify(obj)}: value of ${a.name} is not compatible with type ${a.type.toUpperCase()}. Hence dropping the message.`,
        };
      }
      try {
        data.push(convertText(s, a.type));
      } catch (e) {
        return {
          error: `Json message ${rawStringify(obj)}: value ${s} of ${a.name} is not compatible with type ${a.type.toUpperCase()} (${reason(e)}). Hence dropping the message.`,
        };
      }
    }
    return { data };
  }

  /** One element of custom mapping: each attribute's JSONPath read relative to it. */
  private customEvent(item: unknown, mappings: readonly ResolvedMapping[]): Outcome {
    const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
    for (const m of mappings) {
      const found = readPath(item, normalizePath(m.mapping));
      if (found === 'missing') {
        if (this.failOnMissing)
          return {
            error: `Json message ${rawStringify(item)} contains missing attributes. Hence dropping the message.`,
          };
        continue;
      }
      const v = found.value;
      if (v === null || v === undefined) continue;
      if (m.type === 'object') {
        data[m.position] = toPlain(v);
        continue;
      }
      const s =
        v instanceof RawNumber
          ? v.javaText
          : typeof v === 'string'
            ? v
            : typeof v === 'boolean'
              ? String(v)
              : rawStringify(v);
      try {
        data[m.position] = convertText(s, m.type);
      } catch (e) {
        return {
          error: `Json message ${rawStringify(item)}: value ${s} at ${m.mapping} is not compatible with type ${m.type.toUpperCase()} (${reason(e)}). Hence dropping the message.`,
        };
      }
    }
    return { data };
  }
}

function fail(payload: unknown, message: string): MappedInput {
  return { events: [], errors: [{ message, payload }] };
}

export const jsonSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new JsonSourceMapper(config),
};
