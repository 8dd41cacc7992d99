/**
 * The JSON dialect of org.json (the library Siddhi's map functions use): a lenient reader (single quotes,
 * unquoted keys and values, `=` or `=>` after a key, `;` between members) and its writer (null values left out,
 * doubles without trailing zeros, `</` written as `<\/`).
 */
import { javaDoubleToString, javaValueToString } from '../shared/java-format.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { isJsonObject } from './map-support.js';

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxError(`${message} at ${this.i}`);
  }

  next(): string {
    return this.i < this.text.length ? (this.text[this.i++] as string) : '';
  }

  back(): void {
    if (this.i > 0) this.i--;
  }

  nextClean(): string {
    for (;;) {
      const c = this.next();
      if (c === '' || c > ' ') return c;
    }
  }

  string(quote: string): string {
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === '' || c === '\n' || c === '\r') this.fail('Unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.next();
      const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' };
      if (e === 'u') {
        const hex = this.text.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Illegal escape.');
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 4;
      } else if (simple[e] !== undefined) out += simple[e];
      else if (e === '"' || e === "'" || e === '\\' || e === '/') out += e;
      else this.fail('Illegal escape.');
    }
  }

  value(): unknown {
    const c = this.nextClean();
    if (c === '"' || c === "'") return this.string(c);
    if (c === '{') {
      this.back();
      return this.object();
    }
    if (c === '[') {
      this.back();
      return this.array();
    }
    let s = '';
    let d = c;
    while (d >= ' ' && !',:]}/\\"[{;=#'.includes(d)) {
      s += d;
      d = this.next();
    }
    if (d !== '') this.back();
    s = s.trim();
    if (s === '') this.fail('Missing value');
    return scalar(s);
  }

  object(): JavaHashMap {
    if (this.nextClean() !== '{') this.fail("A JSONObject text must begin with '{'");
    const map = new JavaHashMap();
    for (;;) {
      let c = this.nextClean();
      if (c === '') this.fail("A JSONObject text must end with '}'");
      if (c === '}') return map;
      this.back();
      const key = javaValueToString(this.value());
      c = this.nextClean();
      if (c === '=') {
        if (this.next() !== '>') this.back();
      } else if (c !== ':') this.fail("Expected a ':' after a key");
      if (map.has(key)) this.fail(`Duplicate key "${key}"`);
      map.set(key, this.value());
      c = this.nextClean();
      if (c === '}') return map;
      if (c !== ',' && c !== ';') this.fail("Expected a ',' or '}'");
      if (this.nextClean() === '}') return map;
      this.back();
    }
  }

  array(): unknown[] {
    if (this.nextClean() !== '[') this.fail("A JSONArray text must start with '['");
    const list: unknown[] = [];
    if (this.nextClean() === ']') return list;
    this.back();
    for (;;) {
      if (this.nextClean() === ',') {
        this.back();
        list.push(null);
      } else {
        this.back();
        list.push(this.value());
      }
      const c = this.nextClean();
      if (c === ']') return list;
      if (c !== ',' && c !== ';') this.fail("Expected a ',' or ']'");
      if (this.nextClean() === ']') return list;
      this.back();
    }
  }
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** org.json's `stringToValue`: booleans, null and numbers from unquoted text; anything else stays text. */
function scalar(s: string): unknown {
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (/^[-+]?\d+$/.test(s)) {
    const n = BigInt(s);
    return n >= LONG_MIN && n <= LONG_MAX ? Number(n) : s;
  }
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fFdD]?$/.test(s)) return parseFloat(s);
  return s;
}

/** Reads a JSON object as org.json's `new JSONObject(text)` does; nested objects become maps, arrays lists. */
export function readJsonObject(text: string): JavaHashMap {
  const reader = new Reader(text);
  return reader.object();
}

/** org.json's `quote`. */
function quote(s: string): string {
  let out = '"';
  let prev = '';
  for (const c of s) {
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (c === '/') out += prev === '<' ? '\\/' : '/';
    else if (c === '\b') out += '\\b';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\f') out += '\\f';
    else if (c === '\r') out += '\\r';
    else {
      const code = c.charCodeAt(0);
      if (code < 0x20 || (code >= 0x80 && code < 0xa0) || (code >= 0x2000 && code < 0x2100)) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else out += c;
    }
    prev = c;
  }
  return `${out}"`;
}

class NonFinite extends Error {}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new NonFinite();
  if (Number.isSafeInteger(n)) return String(n);
  let text = javaDoubleToString(n);
  if (text.includes('.') && !/[eE]/.test(text)) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text;
}

function write(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (value instanceof Map || isJsonObject(value)) {
    const entries = value instanceof Map ? [...value] : Object.entries(value);
    const members = entries.filter(([, v]) => v !== null && v !== undefined);
    return `{${members.map(([k, v]) => `${quote(javaValueToString(k))}:${write(v)}`).join(',')}}`;
  }
  return quote(javaValueToString(value));
}

/**
 * org.json's `new JSONObject(map).toString()`: null values are left out; a NaN or infinite number anywhere
 * makes org.json's `toString` give null.
 */
export function writeJsonObject(map: Map<unknown, unknown> | Record<string, unknown>): string | null {
  try {
    return write(map);
  } catch (e) {
    if (e instanceof NonFinite) return null;
    throw e;
  }
}
