/** Type lists shared by the specs of the core functions. */
import type { AttributeType } from '../../../lang/ast.js';

export const ALL_TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float', 'string', 'bool', 'object'];
export const NUMERIC_TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float'];
