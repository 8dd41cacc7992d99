/**
 * Java values as the `map:` and `list:` functions see them: a SiddhiQL map (Java's `java.util.HashMap`) is a JS
 * `Map`, a plain JSON object (Gson's `LinkedTreeMap` in Siddhi) is a `java.util.Map` with string keys, a list is
 * an array. Here are the class names Siddhi's messages show for them and Java's `equals` between them.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionRuntimeError } from './errors.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export type JsonObject = Record<string, unknown>;
/** What Siddhi's map functions accept as a `java.util.Map`. */
export type JavaMap = Map<unknown, unknown> | JsonObject;

/** Key and value types the map and list functions accept (Siddhi's list, object included where it allows it). */
export const PRIMITIVE_TYPES: readonly AttributeType[] = ['int', 'long', 'float', 'double', 'bool', 'string'];
export const ANY_TYPES: readonly AttributeType[] = ['object', ...PRIMITIVE_TYPES];

export function isJsonObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isJavaMap(value: unknown): value is JavaMap {
  return value instanceof Map || isJsonObject(value);
}

/** The Java class name Siddhi's messages show for a value (`getClass().getCanonicalName()`). */
export function javaClassName(value: unknown, type?: AttributeType): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') {
    if (type === 'int') return 'java.lang.Integer';
    if (type === 'long') return 'java.lang.Long';
    if (type === 'float') return 'java.lang.Float';
    if (type === 'double') return 'java.lang.Double';
    return Number.isInteger(value) && (value | 0) === value ? 'java.lang.Integer' : 'java.lang.Double';
  }
  if (value instanceof Map) return 'java.util.HashMap';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (isJsonObject(value)) return 'com.google.gson.internal.LinkedTreeMap';
  return 'java.lang.Object';
}

export function mapSize(map: JavaMap): number {
  return map instanceof Map ? map.size : Object.keys(map).length;
}

export function mapHas(map: JavaMap, key: unknown): boolean {
  if (map instanceof Map) return map.has(key);
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key);
}

/** The value under a key, or undefined when the key is absent (a present null stays null). */
export function mapGet(map: JavaMap, key: unknown): unknown {
  if (map instanceof Map) return map.get(key);
  return mapHas(map, key) ? map[key as string] : undefined;
}

export function mapEntries(map: JavaMap): Iterable<[unknown, unknown]> {
  return map instanceof Map ? map.entries() : Object.entries(map);
}

/** Java's `equals` between values a map holds: numbers by value (NaN equals NaN), maps and lists by content. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => javaEquals(v, b[i]));
  }
  if (isJavaMap(a) && isJavaMap(b)) {
    if (mapSize(a) !== mapSize(b)) return false;
    for (const [k, v] of mapEntries(a)) {
      if (!mapHas(b, k) || !javaEquals(v, mapGet(b, k))) return false;
    }
    return true;
  }
  return false;
}
