/**
 * Random values per attribute, as WSO2's random data simulation configures them:
 * PRIMITIVE_BASED (min/max for numbers, length for strings, precision for decimals) or
 * CUSTOM_DATA_BASED (one of a list of values).
 */
import type { StreamAttribute } from './stream-attributes.js';
import { SimulationInputError } from './stream-attributes.js';

export interface RandomAttributeConfig {
  readonly type: 'PRIMITIVE_BASED' | 'CUSTOM_DATA_BASED';
  readonly min?: number | string;
  readonly max?: number | string;
  readonly length?: number | string;
  readonly precision?: number | string;
  /** CUSTOM_DATA_BASED: comma-separated values, or a list. */
  readonly list?: string | readonly unknown[];
}

export type RandomGenerator = () => unknown;

export function randomGenerator(
  cfg: RandomAttributeConfig,
  attr: StreamAttribute,
  random: () => number = Math.random,
): RandomGenerator {
  if (cfg.type === 'CUSTOM_DATA_BASED') {
    const list = typeof cfg.list === 'string' ? cfg.list.split(',').map((s) => s.trim()) : [...(cfg.list ?? [])];
    if (list.length === 0)
      throw new SimulationInputError(`attribute '${attr.name}': CUSTOM_DATA_BASED needs a 'list' of values`);
    return () => list[Math.floor(random() * list.length)];
  }
  if (cfg.type !== 'PRIMITIVE_BASED') {
    throw new SimulationInputError(
      `attribute '${attr.name}': random type ${JSON.stringify(cfg.type)} is not supported; use PRIMITIVE_BASED or CUSTOM_DATA_BASED`,
    );
  }
  const min = Number(cfg.min ?? 0);
  const max = Number(cfg.max ?? 1000);
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new SimulationInputError(`attribute '${attr.name}': 'min' and 'max' must be numbers with min <= max`);
  }
  switch (attr.type) {
    case 'int':
    case 'long':
      return () => Math.floor(min + random() * (Math.floor(max) - Math.ceil(min) + 1));
    case 'float':
    case 'double': {
      const p = 10 ** Number(cfg.precision ?? 2);
      return () => Math.round((min + random() * (max - min)) * p) / p;
    }
    case 'bool':
      return () => random() < 0.5;
    case 'string': {
      const length = Number(cfg.length ?? 5);
      const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
      return () => Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
    }
    default:
      return () => null;
  }
}
