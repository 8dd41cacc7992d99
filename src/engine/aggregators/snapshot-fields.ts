/** Reading aggregator snapshots back: plain JSON-friendly records written by `snapshot()`. */

export type SnapshotRecord = Readonly<Record<string, unknown>>;

export function asRecord(state: unknown, aggregator: string): SnapshotRecord {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new TypeError(`cannot restore ${aggregator}(): the snapshot is not an object`);
  }
  return state as SnapshotRecord;
}

export function numberField(rec: SnapshotRecord, key: string, aggregator: string): number {
  const v = rec[key];
  if (typeof v !== 'number') throw new TypeError(`cannot restore ${aggregator}(): '${key}' is not a number`);
  return v;
}

export function nullableField(rec: SnapshotRecord, key: string): unknown {
  const v = rec[key];
  return v === undefined ? null : v;
}

export function arrayField(rec: SnapshotRecord, key: string, aggregator: string): readonly unknown[] {
  const v = rec[key];
  if (!Array.isArray(v)) throw new TypeError(`cannot restore ${aggregator}(): '${key}' is not an array`);
  return v;
}

/** `[[value, count], ...]` pairs, as counting maps are written. */
export function countPairs(rec: SnapshotRecord, key: string, aggregator: string): [unknown, number][] {
  const out: [unknown, number][] = [];
  for (const p of arrayField(rec, key, aggregator)) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[1] !== 'number') {
      throw new TypeError(`cannot restore ${aggregator}(): '${key}' holds a malformed [value, count] pair`);
    }
    out.push([p[0], p[1]]);
  }
  return out;
}
