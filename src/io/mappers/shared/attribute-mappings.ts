/**
 * `@attributes(...)` resolved against the stream, as Siddhi's `DefinitionParserHelper` does: keyed mappings
 * must map every attribute (and only attributes of the stream), positional ones must be as many as the
 * attributes. Mappings starting `trp:` read transport properties instead of the payload.
 */
import type { AttributeType } from '../../../lang/ast.js';
import { MapperConfigError, type MappedInput, type MappingError, type SourceMapperConfig } from '../mapper.js';
import { convertText, reason } from './java-parse.js';

export interface ResolvedMapping {
  readonly name: string;
  readonly position: number;
  readonly type: AttributeType;
  /** The path, index, group or key (without `trp:`). */
  readonly mapping: string;
}

export interface ResolvedMappings {
  readonly payload: readonly ResolvedMapping[];
  readonly transport: readonly ResolvedMapping[];
}

/** The custom mappings, or undefined for default mapping. Throws `MapperConfigError` on a bad `@attributes`. */
export function resolveAttributeMappings(config: SourceMapperConfig, mapType: string): ResolvedMappings | undefined {
  const given = config.attributeMappings;
  if (given === undefined) return undefined;
  const attrs = config.attributes;
  const values: string[] = [];
  if ('positional' in given) {
    if (given.positional.length === 0) return undefined;
    if (given.positional.length !== attrs.length) {
      throw new MapperConfigError(
        `Error at '${mapType}' defined at stream '${config.streamId}', '${given.positional.length}' mapping attributes are provided but expected attributes are '${attrs.length}'.`,
      );
    }
    values.push(...given.positional);
  } else {
    if (given.keyed.size === 0) return undefined;
    for (const key of given.keyed.keys()) {
      if (!attrs.some((a) => a.name === key)) {
        throw new MapperConfigError(
          `Error at '${mapType}' defined at stream '${config.streamId}', no attribute named '${key}' in the stream.`,
        );
      }
    }
    for (const a of attrs) {
      const v = given.keyed.get(a.name);
      if (v === undefined) {
        throw new MapperConfigError(
          `Error at '${mapType}' defined at stream '${config.streamId}', attribute '${a.name}' is not mapped.`,
        );
      }
      values.push(v);
    }
  }
  const payload: ResolvedMapping[] = [];
  const transport: ResolvedMapping[] = [];
  attrs.forEach((a, i) => {
    const m = (values[i] as string).trim();
    if (m.startsWith('trp:')) transport.push({ name: a.name, position: i, type: a.type, mapping: m.slice(4) });
    else payload.push({ name: a.name, position: i, type: a.type, mapping: m });
  });
  return { payload, transport };
}

/**
 * Fills `trp:` attributes of every event from the transport properties (text converted to the attribute's
 * type). A missing property is null unless `failOnMissing`, which drops the events.
 */
export function applyTransportMappings(
  result: MappedInput,
  mappings: ResolvedMappings | undefined,
  props: ReadonlyMap<string, unknown> | undefined,
  failOnMissing: boolean,
  payload: unknown,
): MappedInput {
  if (mappings === undefined || mappings.transport.length === 0 || result.events.length === 0) return result;
  const values: unknown[] = [];
  const errors: MappingError[] = [...result.errors];
  for (const m of mappings.transport) {
    const raw = props?.get(m.mapping);
    if (raw === undefined || raw === null) {
      if (failOnMissing) {
        errors.push({
          message: `Transport property '${m.mapping}' for attribute '${m.name}' is missing. Hence dropping the message.`,
          payload,
        });
        return { events: [], errors };
      }
      values.push(null);
      continue;
    }
    try {
      values.push(typeof raw === 'string' ? convertText(raw, m.type) : raw);
    } catch (e) {
      errors.push({
        message: `Transport property '${m.mapping}' for attribute '${m.name}': ${reason(e)}. Hence dropping the message.`,
        payload,
      });
      return { events: [], errors };
    }
  }
  for (const data of result.events) mappings.transport.forEach((m, i) => (data[m.position] = values[i]));
  return { events: result.events, errors };
}
