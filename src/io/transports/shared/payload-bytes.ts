/** Turns a mapped sink payload into the bytes a broker carries. */
const encoder = new TextEncoder();

export function payloadBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === 'string') return encoder.encode(payload);
  return encoder.encode(JSON.stringify(payload) ?? String(payload));
}

export function payloadBuffer(payload: unknown): Buffer {
  const b = payloadBytes(payload);
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
