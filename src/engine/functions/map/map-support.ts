/**
 * What the `map:` functions share. A SiddhiQL map (an `object` holding Java's `java.util.HashMap`) is a JS
 * `Map`; a plain JSON object (what `json:toObject` gives, Gson's `LinkedTreeMap` in Siddhi) is a
 * `java.util.Map` too, with string keys. Functions that change a map change the one they are given, as
 * Siddhi's do; keys iterate in insertion order (Java leaves a HashMap's order unspecified).
 */
import type { AttributeType } from '../../../lang/ast.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export function mapErrors(javaClass: string): ErrorMaker {
  return errorsFor(`io.siddhi.extension.execution.map.${javaClass}`);
}

export type JsonObject = Record<string, unknown>;
/** What Siddhi's map functions accept as a `java.util.Map`. */
export type JavaMap = Map<unknown, unknown> | JsonObject;

/** Key and value types the map functions accept (Siddhi's list, object included where it allows it). */
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

/** The map argument, or a runtime error whose text `message` makes from the Java class name found. */
export function requireMap(
  value: unknown,
  error: ErrorMaker,
  type: AttributeType | undefined,
  message: (className: string) => string = (c) =>
    `First attribute value must be of type java.util.Map, but found '${c}'.`,
): JavaMap {
  if (isJavaMap(value)) return value;
  throw error(message(javaClassName(value, type)));
}

/** A map argument Siddhi casts without a check (`put`, `putAll`, `remove`): Java's cast and null errors. */
export function castMap(value: unknown, error: ErrorMaker, fn: string, type?: AttributeType): JavaMap {
  if (isJavaMap(value)) return value;
  if (value === null || value === undefined) throw error(`map:${fn}() was given a null map`);
  throw error(`${javaClassName(value, type)} cannot be cast to java.util.Map`);
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

export function mapPut(map: JavaMap, key: unknown, value: unknown, error: ErrorMaker): void {
  if (map instanceof Map) {
    map.set(key, value);
    return;
  }
  if (typeof key !== 'string') {
    throw error(
      `A JSON object (com.google.gson.internal.LinkedTreeMap) takes only java.lang.String keys, but found ${javaClassName(key)}`,
    );
  }
  map[key] = value;
}

export function mapRemove(map: JavaMap, key: unknown): void {
  if (map instanceof Map) map.delete(key);
  else if (mapHas(map, key)) delete map[key as string];
}

export function mapEntries(map: JavaMap): Iterable<[unknown, unknown]> {
  return map instanceof Map ? map.entries() : Object.entries(map);
}

export function mapClear(map: JavaMap): void {
  if (map instanceof Map) map.clear();
  else for (const k of Object.keys(map)) delete map[k];
}

/** Java's `new HashMap<>(map)`: a shallow copy. */
export function copyMap(map: JavaMap): Map<unknown, unknown> {
  return new Map(mapEntries(map));
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

/** The union of the keys of several maps, each once, in order of first appearance (a Java HashSet's role). */
export function unionKeys(maps: readonly Map<unknown, unknown>[]): unknown[] {
  const keys = new Set<unknown>();
  for (const m of maps) for (const k of m.keys()) keys.add(k);
  return [...keys];
}

/**
 * The arguments of `combineByKey` and `tokenize`, which Siddhi requires to be HashMaps (a JSON object is not):
 * "Attribute number, 'N' must be of type java.util.Map, but found ...".
 */
export function requireHashMaps(
  args: readonly unknown[],
  types: readonly AttributeType[],
  error: ErrorMaker,
): Map<unknown, unknown>[] {
  return args.map((a, i) => {
    if (a instanceof Map) return a;
    throw error(`Attribute number, '${i + 1}' must be of type java.util.Map, but found ${javaClassName(a, types[i])}`);
  });
}
