/** Parameter specs the `map:` functions share. */
import type { ParameterSpec } from '../../../lang/catalog.js';
import { PRIMITIVE_TYPES } from './map-support.js';

export const MAP_PARAMETER = {
  name: 'map',
  type: ['object'],
  description: 'The map (a `java.util.Map`: one the `map:` functions made, or a JSON object).',
} as const satisfies ParameterSpec;

export const KEY_PARAMETER = {
  name: 'key',
  type: PRIMITIVE_TYPES,
  description: 'The key.',
} as const satisfies ParameterSpec;
