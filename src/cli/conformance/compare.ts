/** Value comparison of the conformance format: numbers with a relative tolerance, messages as text/JSON/XML. */

const TOLERANCE = 1e-6;

/** JSON has no NaN or infinities: the corpus writes those doubles as text (Jackson's default), in data and outputs. */
const NON_FINITE_TEXT: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

export function valuesEqual(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    if (expected === actual) return true;
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    return Math.abs(expected - actual) <= TOLERANCE * scale;
  }
  if (typeof expected === 'string' && typeof actual === 'number' && !Number.isFinite(actual)) {
    const value = NON_FINITE_TEXT[expected];
    return value !== undefined && (Number.isNaN(value) ? Number.isNaN(actual) : value === actual);
  }
  if (typeof expected === 'string' || typeof expected === 'boolean') return expected === actual;
  if (Array.isArray(expected)) {
    if (actual instanceof Set) actual = [...actual];
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((e, i) => valuesEqual(e, (actual as unknown[])[i]));
  }
  if (typeof expected === 'object') {
    if (typeof actual === 'string') {
      try {
        actual = JSON.parse(actual);
      } catch {
        return false;
      }
    }
    if (actual instanceof Map) actual = mapAsObject(actual);
    if (typeof actual !== 'object' || actual === null) return false;
    const ek = Object.keys(expected as object);
    const ak = Object.keys(actual as object);
    if (ek.length !== ak.length) return false;
    return ek.every((k) =>
      valuesEqual((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]),
    );
  }
  return false;
}

/** A map value (a SiddhiQL `object` holding a `java.util.Map`) as the JSON object a case writes: keys as text. */
function mapAsObject(map: Map<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of map) out[String(k)] = v;
  return out;
}

export function rowsEqual(expected: unknown[][], actual: unknown[][], unordered: boolean): boolean {
  if (expected.length !== actual.length) return false;
  if (!unordered) return expected.every((row, i) => valuesEqual(row, actual[i]));
  const left = [...actual];
  for (const row of expected) {
    const i = left.findIndex((a) => valuesEqual(row, a));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

function normaliseXml(s: string): string {
  return s.replace(/>\s+</g, '><').trim();
}

export function messagesEqual(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'string' || typeof actual !== 'string') {
    let a = actual;
    if (typeof a === 'string') {
      try {
        a = JSON.parse(a);
      } catch {
        return false;
      }
    }
    return valuesEqual(expected, a);
  }
  const e = expected.trim();
  const a = actual.trim();
  if (e === a) return true;
  try {
    return valuesEqual(JSON.parse(e), JSON.parse(a));
  } catch {
    // not JSON
  }
  if (e.startsWith('<') && a.startsWith('<')) return normaliseXml(e) === normaliseXml(a);
  return false;
}

export function listMessagesEqual(expected: unknown[], actual: unknown[], unordered: boolean): boolean {
  if (expected.length !== actual.length) return false;
  if (!unordered) return expected.every((m, i) => messagesEqual(m, actual[i]));
  const left = [...actual];
  for (const m of expected) {
    const i = left.findIndex((a) => messagesEqual(m, a));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x instanceof Set ? [...x] : x instanceof Map ? mapAsObject(x) : x === undefined ? null : x,
  );
}
