/** JSON text of attribute values as Siddhi's Gson-based JSON sink mapper prints them. */
import { javaDoubleToString, javaFloatToString } from '../../../engine/functions/shared/java-format.js';
import type { AttributeType } from '../../../lang/ast.js';

/** JSON text of a value of an attribute: floats and doubles as Java prints them (`55.6`, `75.0`). */
export function jsonValueText(value: unknown, type: AttributeType): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (type === 'float') return javaFloatToString(value);
    if (type === 'double') return javaDoubleToString(value);
    return Number.isInteger(value) ? String(value) : javaDoubleToString(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Map) return value.size === 0 ? undefined : JSON.stringify(Object.fromEntries(value));
  if (typeof value === 'object' && !Array.isArray(value)) {
    // Gson adds non-empty maps; other objects are left out, as Siddhi does.
    return Object.keys(value).length === 0 ? undefined : JSON.stringify(value);
  }
  return undefined;
}
