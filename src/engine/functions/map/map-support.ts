/**
 * What the `map:` functions share. A SiddhiQL map (an `object` holding Java's `java.util.HashMap`) is a JS
 * `Map`; a plain JSON object (what `json:toObject` gives, Gson's `LinkedTreeMap` in Siddhi) is a
 * `java.util.Map` too, with string keys. Functions that change a map change the one they are given, as
 * Siddhi's do. The maps they make are `JavaHashMap`s, which iterate in Java's HashMap order.
 */
import type { AttributeType } from '../../../lang/ast.js';
import { errorsFor } from '../shared/errors.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { isJavaMap, javaClassName, mapHas, type ErrorMaker, type JavaMap } from '../shared/java-values.js';

export {
  ANY_TYPES,
  PRIMITIVE_TYPES,
  isJavaMap,
  isJsonObject,
  javaClassName,
  javaEquals,
  mapEntries,
  mapGet,
  mapHas,
  mapSize,
} from '../shared/java-values.js';
export type { ErrorMaker, JavaMap, JsonObject } from '../shared/java-values.js';

export function mapErrors(javaClass: string): ErrorMaker {
  return errorsFor(`io.siddhi.extension.execution.map.${javaClass}`);
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

/** Java's `put`; `keyType` (the key's attribute type, when known) decides a number key's hash. */
export function mapPut(map: JavaMap, key: unknown, value: unknown, error: ErrorMaker, keyType?: AttributeType): void {
  if (map instanceof JavaHashMap) {
    map.put(key, value, keyType);
    return;
  }
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

export function mapClear(map: JavaMap): void {
  if (map instanceof Map) map.clear();
  else for (const k of Object.keys(map)) delete map[k];
}

/** Java's `new HashMap<>(map)`: a shallow copy. */
export function copyMap(map: JavaMap): JavaHashMap {
  return JavaHashMap.copyOf(map);
}

/** The union of the keys of several maps, each once, in the order of the Java HashSet Siddhi adds them to. */
export function unionKeys(maps: readonly Map<unknown, unknown>[]): unknown[] {
  return [...unionKeySet(maps).keys()];
}

/** The keys of several maps in a HashSet (a map of each key to true), as Siddhi collects them. */
export function unionKeySet(maps: readonly Map<unknown, unknown>[]): JavaHashMap {
  const keys = new JavaHashMap();
  for (const m of maps) keys.putKeysOf(m, () => true);
  return keys;
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
