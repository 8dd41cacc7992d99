/**
 * The snapshot format: a magic header, a format version, the app name, a SHA-256 checksum and the
 * state serialised with V8's structured serialiser (Maps, Sets and typed arrays survive). A corrupt
 * or foreign snapshot is refused before anything is restored.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

const MAGIC = 'TRIBSNAP';
const VERSION = 1;

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

export function encodeSnapshot(app: string, state: Record<string, unknown>): Uint8Array {
  const body = serialize({ app, state });
  const sum = createHash('sha256').update(body).digest();
  const header = Buffer.from(`${MAGIC}${String(VERSION).padStart(4, '0')}`, 'ascii');
  return Buffer.concat([header, sum, body]);
}

export function decodeSnapshot(app: string, bytes: Uint8Array): Record<string, unknown> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 44 || buf.toString('ascii', 0, 8) !== MAGIC) {
    throw new SnapshotError(`not a Tributary snapshot (bad header); refusing to restore app '${app}'`);
  }
  const version = Number(buf.toString('ascii', 8, 12));
  if (version !== VERSION) {
    throw new SnapshotError(`snapshot format version ${version} is not supported (this engine reads ${VERSION})`);
  }
  const sum = buf.subarray(12, 44);
  const body = buf.subarray(44);
  if (!createHash('sha256').update(body).digest().equals(sum)) {
    throw new SnapshotError(`snapshot checksum mismatch: the snapshot is corrupt; refusing to restore app '${app}'`);
  }
  const decoded = deserialize(body) as { app: string; state: Record<string, unknown> };
  if (decoded.app !== app) {
    throw new SnapshotError(`snapshot belongs to app '${decoded.app}', not '${app}'; refusing to restore`);
  }
  return decoded.state;
}
