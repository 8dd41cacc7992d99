/** Builders of mapper configurations for the mapper tests. */
import type { AttributeType } from '../../../src/lang/ast.js';
import type {
  AttributeMappings,
  MapperAttribute,
  PayloadTemplates,
  SinkMapperConfig,
  SourceMapperConfig,
} from '../../../src/io/mappers/mapper.js';

/** `attrs('symbol string, price float')` */
export function attrs(text: string): MapperAttribute[] {
  return text.split(',').map((part) => {
    const [name, type] = part.trim().split(/\s+/) as [string, string];
    return { name, type: type.toLowerCase() as AttributeType };
  });
}

export const STOCK = attrs('symbol string, price float, volume long');

export function sourceConfig(
  attributes: readonly MapperAttribute[],
  options: Record<string, string> = {},
  attributeMappings?: AttributeMappings,
): SourceMapperConfig {
  return {
    streamId: 'FooStream',
    attributes,
    options: new Map(Object.entries(options)),
    ...(attributeMappings ? { attributeMappings } : {}),
  };
}

export function keyed(map: Record<string, string>): AttributeMappings {
  return { keyed: new Map(Object.entries(map)) };
}

export function sinkConfig(
  attributes: readonly MapperAttribute[],
  options: Record<string, string> = {},
  payload?: PayloadTemplates,
  errors?: string[],
): SinkMapperConfig {
  return {
    streamId: 'BarStream',
    attributes,
    options: new Map(Object.entries(options)),
    ...(payload ? { payload } : {}),
    ...(errors ? { onError: (e) => errors.push(e.message) } : {}),
  };
}
