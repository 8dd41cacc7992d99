/**
 * JSON sink mapper (`@map(type='json')`): Siddhi's siddhi-map-json output semantics. Default mapping
 * prints `{"event":{"attr":value,...}}` (a JSON array of those for a group of events), null as
 * `"undefined"` unless `enable.null.attribute.value='true'`; `@payload` templates are filled per event
 * (joined as `[t1,\nt2]` for a group). `enclosing.element='$.a.b'` wraps the message in `{"a":{"b":...}}`.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { SinkMapper, SinkMapperConfig, SinkMapperFactory } from './mapper.js';
import { jsonValueText } from './shared/json-text.js';
import { lenientJsonProblem } from './shared/lenient-json.js';
import { boolOption } from './shared/options.js';
import { singleTextTemplate, type Template } from './shared/template.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'json',
  description:
    'Converts events into JSON messages: `{"event":{...}}` per event by default, or the `@payload` template with `{{attr}}` placeholders filled in. A chunk of several events becomes one JSON array when event grouping is on.',
  parameters: [],
  options: [
    {
      name: 'validate.json',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        'When true, a message that is not JSON is dropped (and reported) instead of published. JSON is read leniently, as Siddhi does: unquoted and single-quoted names and values pass.',
    },
    {
      name: 'enclosing.element',
      type: ['string'],
      optional: true,
      description:
        'JSONPath such as `$.portfolio.company` naming objects to wrap the message in: `{"portfolio":{"company":...}}`.',
    },
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, the events of a multi-event chunk become one message (a JSON array); when false, one message each.',
    },
    {
      name: 'enable.null.attribute.value',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, null attributes print as JSON null; when false, as the string "undefined".',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='json'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `{"event":{"symbol":"WSO2","price":55.6,"volume":100}}`.',
    },
    {
      syntax:
        '@sink(type=\'inMemory\', topic=\'stock\', @map(type=\'json\', enclosing.element=\'$.portfolio\', @payload("""{"StockData":{"Symbol":"{{symbol}}","Price":{{price}}}}""")))\ndefine stream FooStream (symbol string, price float, volume long);',
      description: 'Publishes `{"portfolio":{"StockData":{"Symbol":"WSO2","Price":55.6}}}`.',
    },
  ],
};

class JsonSinkMapper implements SinkMapper {
  private readonly validate: boolean;
  private readonly grouping: boolean;
  private readonly keepNull: boolean;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly template: Template | undefined;

  constructor(private readonly config: SinkMapperConfig) {
    const o = config.options;
    this.validate = boolOption(o, 'validate.json', false);
    this.grouping = boolOption(o, 'event.grouping.enabled', true);
    this.keepNull = boolOption(o, 'enable.null.attribute.value', false);
    this.template = singleTextTemplate(config.payload, config.attributes, config.streamId, 'Json');
    const enclosing = o.get('enclosing.element');
    const nodes = enclosing === undefined ? [] : enclosing.split('.').filter((n) => n !== '$');
    this.prefix = nodes.map((n) => `{"${n}":`).join('');
    this.suffix = '}'.repeat(nodes.length);
  }

  map(events: readonly (readonly unknown[])[], grouped = false): readonly unknown[] {
    if (events.length === 0) return [];
    const asGroup = grouped || events.length > 1;
    if (asGroup && this.grouping) return this.publish(this.body(events, true));
    return events.flatMap((e) => this.publish(this.body([e], false)));
  }

  private body(events: readonly (readonly unknown[])[], asArray: boolean): string {
    let inner: string;
    if (this.template !== undefined) {
      const nullText = this.keepNull ? 'null' : 'undefined';
      const parts = events.map((e) => String((this.template as Template).build(e, nullText)));
      inner = asArray ? `[${parts.join(',\n')}]` : (parts[0] as string);
    } else {
      const parts = events.map((e) => this.defaultEvent(e));
      inner = asArray ? `[${parts.join(',')}]` : (parts[0] as string);
    }
    return this.prefix + inner + this.suffix;
  }

  private defaultEvent(data: readonly unknown[]): string {
    const fields: string[] = [];
    this.config.attributes.forEach((a, i) => {
      const v = data[i];
      const text = v === null || v === undefined ? (this.keepNull ? 'null' : '"undefined"') : jsonValueText(v, a.type);
      if (text !== undefined) fields.push(`${JSON.stringify(a.name)}:${text}`);
    });
    return `{"event":{${fields.join(',')}}}`;
  }

  private publish(message: string): string[] {
    if (this.validate) {
      const problem = lenientJsonProblem(message);
      if (problem !== undefined) {
        this.config.onError?.({
          message: `Invalid json string : ${message}. Hence dropping the message. (${problem})`,
          payload: message,
        });
        return [];
      }
    }
    return [message];
  }
}

export const jsonSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new JsonSinkMapper(config),
};
