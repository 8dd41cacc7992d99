/**
 * A SiddhiQL map (Java's `java.util.HashMap`) that iterates as Java's does: by bucket (the key's spread
 * `hashCode` masked by the table size), then in the order keys joined a bucket. The table starts at the size
 * Java's constructors choose, doubles (keeping each bucket's order as it splits) once more than 3/4 full or when
 * a bucket reaches 9 keys while the table is under 64, and never shrinks. What `map:keys`, `map:values`,
 * `map:tokenize`, `map:toXML`, `map:toJSON` and the mappers show follows from that order.
 *
 * The JS `Map` underneath is kept in that order (it is rebuilt when a key lands before others or the table
 * grows), so every reader, the snapshot serialiser included, sees Java's order. Not modelled: buckets Java
 * turns into trees (9 keys in one bucket of a table of 64 or more).
 */
import type { AttributeType } from '../../../lang/ast.js';
import { javaHashCode } from './java-hash-code.js';
import { mapEntries, mapSize, type JavaMap } from './java-values.js';

const DEFAULT_CAPACITY = 16;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** HashMap.tableSizeFor: the smallest power of two at least `c` (1 for 0). */
function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return n;
}

/** HashMap.hash: the key's hash with its high half folded into the low one. */
function spread(h: number): number {
  return h ^ (h >>> 16);
}

export class JavaHashMap extends Map<unknown, unknown> {
  /** The buckets of keys; empty until the first key (Java allocates the table lazily). */
  #bins: unknown[][] = [];
  /** The size at which the table doubles; before the table exists, the capacity it will start with (0: 16). */
  #threshold = 0;
  /** Each key's spread hash, as computed when it came in. */
  readonly #hashes = new Map<unknown, number>();

  /** `new HashMap<>(source)`: sized for the source, its entries put in its order. */
  static copyOf(source: JavaMap): JavaHashMap {
    const map = new JavaHashMap();
    map.putAll(source);
    return map;
  }

  /** Java's `put`: `keyType` (the attribute type of the key, when known) decides a number's hash. */
  put(key: unknown, value: unknown, keyType?: AttributeType): this {
    if (super.has(key)) return super.set(key, value);
    this.#insert(key, value, spread(javaHashCode(key, keyType)));
    return this;
  }

  override set(key: unknown, value: unknown): this {
    return this.put(key, value);
  }

  /** Puts a key another map holds, hashed as that map hashed it (a HashMap's keys keep their Java class). */
  putFrom(key: unknown, value: unknown, source: JavaMap): this {
    const known = source instanceof JavaHashMap ? source.#hashes.get(key) : undefined;
    if (known === undefined) return this.put(key, value);
    if (super.has(key)) return super.set(key, value);
    this.#insert(key, value, known);
    return this;
  }

  /** Java's `putAll`: sizes the table for the entries first, then puts each in the source's order. */
  putAll(source: JavaMap): this {
    const s = mapSize(source);
    if (s === 0) return this;
    if (this.#bins.length === 0) {
      const t = Math.trunc(Math.fround(Math.fround(s / 0.75) + 1));
      if (t > this.#threshold) this.#threshold = tableSizeFor(t);
    } else if (s > this.#threshold) {
      this.#resize();
      this.#rebuild();
    }
    for (const [k, v] of [...mapEntries(source)]) this.putFrom(k, v, source);
    return this;
  }

  override delete(key: unknown): boolean {
    const h = this.#hashes.get(key);
    if (h === undefined || !super.has(key)) return false;
    const bin = this.#bins[h & (this.#bins.length - 1)]!;
    bin.splice(
      bin.findIndex((k) => k === key || (Number.isNaN(k) && Number.isNaN(key))),
      1,
    );
    this.#hashes.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const bin of this.#bins) bin.length = 0;
    this.#hashes.clear();
    super.clear();
  }

  #insert(key: unknown, value: unknown, hash: number): void {
    if (this.#bins.length === 0) this.#resize();
    const at = hash & (this.#bins.length - 1);
    const bin = this.#bins[at]!;
    const before = bin.length;
    bin.push(key);
    this.#hashes.set(key, hash);
    super.set(key, value);
    let grown = false;
    if (before >= TREEIFY_THRESHOLD && this.#bins.length < MIN_TREEIFY_CAPACITY) grown = this.#resize();
    if (this.#hashes.size > this.#threshold) grown = this.#resize();
    if (grown || this.#lastBin() !== at) this.#rebuild();
  }

  /** The index of the last bucket holding a key. */
  #lastBin(): number {
    for (let i = this.#bins.length - 1; i >= 0; i--) if (this.#bins[i]!.length > 0) return i;
    return -1;
  }

  /** HashMap.resize: the first table, or twice the table, each bucket split in order. */
  #resize(): true {
    const oldCap = this.#bins.length;
    let newCap: number;
    let newThr = 0;
    if (oldCap > 0) {
      newCap = oldCap * 2;
      if (oldCap >= DEFAULT_CAPACITY) newThr = this.#threshold * 2;
    } else if (this.#threshold > 0) {
      newCap = this.#threshold;
    } else {
      newCap = DEFAULT_CAPACITY;
    }
    if (newThr === 0) newThr = Math.trunc(newCap * 0.75);
    this.#threshold = newThr;
    const next: unknown[][] = Array.from({ length: newCap }, () => []);
    this.#bins.forEach((bin, i) => {
      for (const key of bin) next[(this.#hashes.get(key)! & oldCap) === 0 ? i : i + oldCap]!.push(key);
    });
    this.#bins = next;
    return true;
  }

  /** Lays the JS map out again in bucket order. */
  #rebuild(): void {
    const entries = this.#bins.flat().map((k): [unknown, unknown] => [k, super.get(k)]);
    super.clear();
    for (const [k, v] of entries) super.set(k, v);
  }
}
