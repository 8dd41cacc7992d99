/**
 * Key-value source mapper (`@map(type='keyvalue')`): Siddhi's siddhi-map-keyvalue input semantics. The
 * payload is a map (plain object or `Map`); each attribute reads the key of its name (or the key given in
 * `@attributes`). Values must already have the attribute's type (int/long: whole numbers) unless
 * `implicit.cast.enable='true'`, which converts from their text.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappedInput, SourceMapperConfig, SourceMapperFactory } from './mapper.js';
import { resolveAttributeMappings } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { convertText, reason } from './shared/java-parse.js';
import { boolOption, typeName } from './shared/options.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'keyvalue',
  description:
    'Converts key-value maps into events: each attribute takes the value of the key of its name, or of the key given in `@attributes`.',
  parameters: [],
  options: [
    {
      name: 'fail.on.missing.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'When true, a map lacking a value for an attribute is dropped; when false, the attribute is null.',
    },
    {
      name: 'implicit.cast.enable',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        'When true, values of another type are converted from their text (`"100"` for an int); when false, they drop the message.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='keyvalue'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads `{symbol: "WSO2", price: 55.6, volume: 100}`.',
    },
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='keyvalue', @attributes(symbol='s', price='p', volume='v')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Reads `{s: "WSO2", p: 55.6, v: 100}`.',
    },
  ],
};

function exact(value: unknown, type: AttributeType): { ok: unknown } | undefined {
  switch (type) {
    case 'bool':
      return typeof value === 'boolean' ? { ok: value } : undefined;
    case 'int':
    case 'long':
      if (typeof value === 'bigint') return { ok: Number(value) };
      return typeof value === 'number' && Number.isInteger(value) ? { ok: value } : undefined;
    case 'float':
      return typeof value === 'number' ? { ok: Math.fround(value) } : undefined;
    case 'double':
      return typeof value === 'number' ? { ok: value } : undefined;
    case 'string':
      return typeof value === 'string' ? { ok: value } : undefined;
    default:
      return { ok: value };
  }
}

class KeyValueSourceMapper extends TransportAwareSourceMapper {
  protected readonly failOnMissing: boolean;
  private readonly implicitCast: boolean;
  protected readonly mappings;
  private readonly keys: readonly { readonly position: number; readonly key: string }[];

  constructor(private readonly config: SourceMapperConfig) {
    super();
    this.failOnMissing = boolOption(config.options, 'fail.on.missing.attribute', true);
    this.implicitCast = boolOption(config.options, 'implicit.cast.enable', false);
    this.mappings = resolveAttributeMappings(config, 'keyvalue');
    this.keys = this.mappings
      ? this.mappings.payload.map((m) => ({ position: m.position, key: m.mapping }))
      : config.attributes.map((a, i) => ({ position: i, key: a.name }));
  }

  protected mapPayload(payload: unknown): MappedInput {
    const fail = (message: string): MappedInput => ({ events: [], errors: [{ message, payload }] });
    let get: (key: string) => unknown;
    if (payload instanceof Map) get = (k) => (payload as Map<unknown, unknown>).get(k);
    else if (payload !== null && typeof payload === 'object' && !Array.isArray(payload))
      get = (k) => (payload as Record<string, unknown>)[k];
    else return fail(`Invalid Map object received. Expected Map, but found ${typeName(payload)}`);
    const shown = payload instanceof Map ? JSON.stringify(Object.fromEntries(payload)) : JSON.stringify(payload);
    const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
    for (const { position, key } of this.keys) {
      const a = this.config.attributes[position] as (typeof this.config.attributes)[number];
      const value = get(key);
      if (value === null || value === undefined) {
        if (this.failOnMissing)
          return fail(
            `Stream "${this.config.streamId}" has an attribute named "${a.name}", but the received event ${shown} does not has a value for that attribute. Hence dropping the message.`,
          );
        continue;
      }
      const found = exact(value, a.type);
      if (found !== undefined) {
        data[position] = found.ok;
        continue;
      }
      const incompatible = `Message ${shown} contains incompatible attribute types and values. Value ${String(value)} is not compatible with type ${a.type.toUpperCase()}, Hence dropping the message`;
      if (!this.implicitCast) return fail(incompatible);
      try {
        data[position] = convertText(String(value), a.type);
      } catch (e) {
        return fail(`${incompatible} (${reason(e)})`);
      }
    }
    return { events: [data], errors: [] };
  }
}

export const keyValueSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new KeyValueSourceMapper(config),
};
