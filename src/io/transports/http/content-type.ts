/** Content types of HTTP messages per `@map` type, as siddhi-io-http maps them. */
import { takesBytes } from '../../mappers/mapper.js';

const BY_MAP: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  text: 'text/plain',
  csv: 'text/plain',
  keyvalue: 'application/x-www-form-urlencoded',
  passthrough: 'application/json',
  avro: 'application/octet-stream',
  binary: 'application/octet-stream',
};

/** The content type a sink sends for a mapper. */
export function contentTypeFor(mapType: string): string {
  return BY_MAP[mapType.toLowerCase()] ?? 'text/plain';
}

/** Whether a request's content type suits the source's mapper (a missing one always does). */
export function acceptsContentType(mapType: string, header: string | undefined): boolean {
  if (!header) return true;
  const t = header.split(';')[0]!.trim().toLowerCase();
  if (t === '' || t === '*/*' || t === 'text/plain' || t === 'application/octet-stream') return true;
  switch (mapType.toLowerCase()) {
    case 'json':
    case 'passthrough':
      return t === 'application/json' || t.endsWith('+json');
    case 'xml':
      return t === 'application/xml' || t === 'text/xml' || t.endsWith('+xml');
    case 'keyvalue':
      return t === 'application/x-www-form-urlencoded';
    case 'csv':
      return t === 'text/csv';
    case 'avro':
      return t === 'avro/binary' || t === 'application/avro' || t === 'application/vnd.apache.avro+binary';
    default:
      return true;
  }
}

/** `'Content-Type:json','X-Id:1'` (siddhi-io-http's headers option) to header pairs. */
export function parseHeaders(text: string | undefined): [string, string][] {
  if (!text) return [];
  const out: [string, string][] = [];
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|([^,]+)/g)) {
    const item = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    out.push([item.slice(0, colon).trim(), item.slice(colon + 1).trim()]);
  }
  return out;
}

/** `Authorization: Basic ...` for a user and password. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * What a mapper gets of an HTTP body: the bytes for byte mappers (avro, binary), the form fields for keyvalue,
 * parsed JSON (else the text) for passThrough, the UTF-8 text otherwise.
 */
export function bodyPayload(mapType: string, body: Buffer): unknown {
  const m = mapType.toLowerCase();
  if (takesBytes(m)) return body;
  const text = body.toString('utf8');
  if (m === 'keyvalue') return Object.fromEntries(new URLSearchParams(text));
  if (m === 'passthrough') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A sink payload as an HTTP body. */
export function bodyOf(payload: unknown): string | Buffer {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    // keyvalue sink mappers give plain objects: a form body.
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(payload as Record<string, unknown>)) form.append(k, String(v));
    return form.toString();
  }
  return JSON.stringify(payload);
}
