/**
 * The snapshot format: a magic header, a format version, a SHA-256 checksum and a body serialised
 * with V8's structured serialiser (Maps, Sets and typed arrays survive). A corrupt or foreign snapshot
 * is refused before anything is restored.
 *
 * Version 1 (a full snapshot) holds `{ app, state }`: the state of every stateful element.
 * Version 2 (incremental persistence) holds `{ app, kind, previous, elements }`: each element's state
 * serialised on its own, every element in a base, only the changed ones in an increment, which names
 * the revision it follows.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

const MAGIC = 'TRIBSNAP';
const FULL = 1;
const INCREMENTAL = 2;
const HEADER = 44;

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** A revision of incremental persistence. */
export interface IncrementalRevision {
  readonly kind: 'base' | 'increment';
  /** The revision an increment follows (undefined for a base). */
  readonly previous: string | undefined;
  /** Serialised state by element key (`serializeState`). */
  readonly elements: Record<string, Uint8Array>;
}

export type DecodedRevision = { readonly kind: 'full'; readonly state: Record<string, unknown> } | IncrementalRevision;

export function encodeSnapshot(app: string, state: Record<string, unknown>): Uint8Array {
  return frame(FULL, serialize({ app, state }));
}

export function encodeIncremental(app: string, rev: IncrementalRevision): Uint8Array {
  return frame(INCREMENTAL, serialize({ app, kind: rev.kind, previous: rev.previous, elements: rev.elements }));
}

/** One element's state as bytes (what increments compare and carry). */
export function serializeState(state: unknown): Uint8Array {
  return serialize(state);
}

export function deserializeState(bytes: Uint8Array): unknown {
  return deserialize(bytes);
}

/** Decodes a full snapshot (format 1), or a base revision of incremental persistence as one. */
export function decodeSnapshot(app: string, bytes: Uint8Array): Record<string, unknown> {
  const rev = decodeRevision(app, bytes);
  if (rev.kind === 'full') return rev.state;
  if (rev.kind === 'increment') {
    throw new SnapshotError(
      `the snapshot of app '${app}' is an increment (it needs the revisions before it); restore it by revision id`,
    );
  }
  const state: Record<string, unknown> = {};
  for (const [k, b] of Object.entries(rev.elements)) state[k] = deserialize(b);
  return state;
}

export function decodeRevision(app: string, bytes: Uint8Array): DecodedRevision {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEADER || buf.toString('ascii', 0, 8) !== MAGIC) {
    throw new SnapshotError(`not a Tributary snapshot (bad header); refusing to restore app '${app}'`);
  }
  const version = Number(buf.toString('ascii', 8, 12));
  if (version !== FULL && version !== INCREMENTAL) {
    throw new SnapshotError(
      `snapshot format version ${version} is not supported (this engine reads ${FULL} and ${INCREMENTAL})`,
    );
  }
  const sum = buf.subarray(12, HEADER);
  const body = buf.subarray(HEADER);
  if (!createHash('sha256').update(body).digest().equals(sum)) {
    throw new SnapshotError(`snapshot checksum mismatch: the snapshot is corrupt; refusing to restore app '${app}'`);
  }
  const decoded = deserialize(body) as { app: string } & Record<string, unknown>;
  if (decoded.app !== app) {
    throw new SnapshotError(`snapshot belongs to app '${decoded.app}', not '${app}'; refusing to restore`);
  }
  if (version === FULL) return { kind: 'full', state: decoded.state as Record<string, unknown> };
  return {
    kind: decoded.kind as 'base' | 'increment',
    previous: decoded.previous as string | undefined,
    elements: decoded.elements as Record<string, Uint8Array>,
  };
}

function frame(version: number, body: Buffer): Uint8Array {
  const sum = createHash('sha256').update(body).digest();
  const header = Buffer.from(`${MAGIC}${String(version).padStart(4, '0')}`, 'ascii');
  return Buffer.concat([header, sum, body]);
}
