/** Message bodies on the wire: text stays text, bytes stay bytes, anything else is JSON. */
import type { RawData } from 'ws';

export function wireOf(payload: unknown): string | Buffer {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  return JSON.stringify(payload);
}

/** A received message as the mapper takes it: text for text frames, bytes for binary ones. */
export function payloadOf(data: RawData, isBinary: boolean): string | Buffer {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return isBinary ? buf : buf.toString('utf8');
}
