/**
 * What the JSON functions share: lenient parsing (json-smart's permissive mode: unquoted keys, single quotes),
 * Gson's text form (nulls kept, HTML-sensitive characters escaped), and JSONPath reads with Jayway's rules:
 * a definite path (`$.a[0].b`) gives its value or "not found"; an indefinite one (`$..x`, `[*]`, filters) a list.
 */
import JSON5 from 'json5';
import { JSONPath } from 'jsonpath-plus';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';

export const JSON_PACKAGE = 'io.siddhi.extension.execution.json';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export function jsonErrors(javaClass: string): ErrorMaker {
  return errorsFor(`${JSON_PACKAGE}.${javaClass}`);
}

/** Parses JSON text leniently; throws on text that is not JSON. */
export function parseLenient(text: string): unknown {
  // Strict JSON (the common case) through the native parser; JSON5 for what only Gson's lenient reader accepts.
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text);
  }
}

/** A plain JSON value of a Siddhi object value (Maps become objects). */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toPlain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Gson's `toJson`: compact, nulls kept, `< > & = '` escaped as \\u003c etc. */
export function gsonToJson(value: unknown): string {
  const text = JSON.stringify(toPlain(value) ?? null) ?? 'null';
  return text.replace(/[<>&=']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The document of a json argument: a string is parsed leniently (a failure is Siddhi's "not a valid JSON" error), an object is copied. */
export function documentOf(input: unknown, error: ErrorMaker): unknown {
  if (typeof input === 'string') {
    try {
      return parseLenient(input);
    } catch (e) {
      // Gson's lenient reader takes a bare word (no JSON structure in it) as a string primitive.
      const bare = input.trim();
      if (bare !== '' && !/[{}[\]:,"']/.test(bare)) return bare;
      throw error(`The input JSON is not a valid JSON. Input JSON - ${input}`, e);
    }
  }
  return toPlain(input);
}

/** Jayway prefixes a path that starts with neither `$` nor `@` with `$.`. */
export function normalizePath(path: string): string {
  return path.startsWith('$') || path.startsWith('@') ? path : `$.${path}`;
}

/** True when the path can select several nodes (deep scan, wildcard, filter, union or slice). */
export function isIndefinite(path: string): boolean {
  const bare = path.replace(/'[^']*'|"[^"]*"/g, "''");
  if (bare.includes('..') || bare.includes('*') || bare.includes('?(')) return true;
  for (const m of bare.matchAll(/\[([^\]]*)\]/g)) if (/[,:]/.test(m[1] as string)) return true;
  return false;
}

export interface PathMatch {
  readonly value: unknown;
  readonly parent: unknown;
  readonly parentProperty: string | number | null;
}

const SIMPLE_SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\])/;
const simplePaths = new Map<string, (string | number)[] | null>();

/** The steps of a path made only of `.name` and `[n]` (e.g. `$.emp[0].name`), else null. */
function simpleSteps(path: string): (string | number)[] | null {
  let steps = simplePaths.get(path);
  if (steps !== undefined) return steps;
  steps = [];
  let rest = normalizePath(path).slice(1);
  while (rest.length > 0) {
    const m = SIMPLE_SEGMENT.exec(rest);
    if (!m) {
      steps = null;
      break;
    }
    steps.push(m[1] !== undefined ? m[1] : Number(m[2]));
    rest = rest.slice(m[0].length);
  }
  if (simplePaths.size < 10_000) simplePaths.set(path, steps);
  return steps;
}

export function matchesOf(doc: unknown, path: string): PathMatch[] {
  const steps = simpleSteps(path);
  if (steps !== null) {
    // A definite path of names and indexes: walk it directly (what JSONPath would find).
    let value: unknown = doc ?? null;
    let parent: unknown = null;
    let parentProperty: string | number | null = null;
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return [];
      if (
        typeof step === 'number'
          ? !Array.isArray(value) || step >= value.length
          : Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, step)
      ) {
        return [];
      }
      parent = value;
      parentProperty = step;
      value = (value as Record<string | number, unknown>)[step];
    }
    return [{ value, parent, parentProperty }];
  }
  const json = (doc ?? null) as null | boolean | number | string | object | unknown[];
  return JSONPath({ path: normalizePath(path), json, wrap: true, resultType: 'all' }) as PathMatch[];
}

/** Jayway's `JsonPath.read`: `{ found: false }` for a definite path that selects nothing, else the value or the list. */
export function readPath(doc: unknown, path: string): { found: boolean; value: unknown; list: boolean } {
  const matches = matchesOf(doc, path).map((m) => m.value);
  if (isIndefinite(normalizePath(path))) return { found: true, value: matches, list: true };
  if (matches.length === 0) return { found: false, value: null, list: false };
  return { found: true, value: matches[0], list: false };
}

/** Java's `toString` of a JSON value as json-smart holds it: text as is, numbers and booleans as text, containers as JSON. */
export function javaJsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
