/**
 * Key-value sink mapper (`@map(type='keyvalue')`): each event becomes a plain object `{attr: value}`;
 * `@payload(key='attr', key2='{{attr}} text')` names the keys: a bare attribute name gives the value
 * itself, a template gives its text. A single unnamed `@payload('{{attr}} text')` has no key: Siddhi puts it
 * under the null key, which a plain object spells `"null"`.
 */
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { SinkMapper, SinkMapperConfig, SinkMapperFactory } from './mapper.js';
import { compileTemplate, type Template } from './shared/template.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'keyvalue',
  description:
    "Converts events into key-value maps: attribute names to values by default, or the keys of `@payload(key='attr', ...)`.",
  parameters: [],
  options: [],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='keyvalue'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `{symbol: "WSO2", price: 55.6, volume: 100}`.',
    },
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='keyvalue', @payload(a='symbol', b='{{price}}')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `{a: "WSO2", b: "55.6"}`.',
    },
  ],
};

/** The key of an unnamed `@payload` template: Java's null map key, as text. */
const UNNAMED_KEY = 'null';

class KeyValueSinkMapper implements SinkMapper {
  private readonly entries: readonly (readonly [string, Template])[];

  constructor(config: SinkMapperConfig) {
    if (config.payload === undefined) {
      this.entries = config.attributes.map(
        (a) => [a.name, compileTemplate(a.name, config.attributes, config.streamId)] as const,
      );
    } else if ('keyed' in config.payload) {
      this.entries = [...config.payload.keyed].map(
        ([k, t]) => [k, compileTemplate(t, config.attributes, config.streamId)] as const,
      );
    } else {
      this.entries = [[UNNAMED_KEY, compileTemplate(config.payload.template, config.attributes, config.streamId)]];
    }
  }

  map(events: readonly (readonly unknown[])[]): readonly unknown[] {
    return events.map((e) => {
      const out: Record<string, unknown> = {};
      for (const [k, t] of this.entries) out[k] = t.build(e) ?? null;
      return out;
    });
  }
}

export const keyValueSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new KeyValueSinkMapper(config),
};
