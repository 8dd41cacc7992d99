/**
 * A SiddhiQL map (Java's `java.util.HashMap`) that iterates as Java's does: by bucket (the key's spread
 * `hashCode` masked by the table size), then in the order keys joined a bucket. The table starts at the size
 * Java's constructors choose, doubles (keeping each bucket's order as it splits) once more than 3/4 full or when
 * a bucket reaches 9 keys while the table is under 64, and never shrinks. What `map:keys`, `map:values`,
 * `map:tokenize`, `map:toXML`, `map:toJSON` and the mappers show follows from that order.
 *
 * The keys are held in that order with their hashes (bucket by bucket, so a bucket is a run of them), and the
 * JS `Map` underneath is kept in it too (laid out again when a key lands before others or the table grows), so
 * every reader, the snapshot serialiser included, sees Java's order. Not modelled: buckets Java turns into
 * trees (9 keys in one bucket of a table of 64 or more).
 */
import type { AttributeType } from '../../../lang/ast.js';
import { javaHashCode } from '../../runtime/java-hash-code.js';
import { mapEntries, mapSize, type JavaMap } from './java-values.js';

const sameKey = (a: unknown, b: unknown): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

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
  /** The keys in Java's iteration order. */
  #keys: unknown[] = [];
  /** The spread hash of each key of `#keys`, at the same index. */
  #hashes: number[] = [];
  /** The table size: 0 until the first key (Java allocates the table lazily). */
  #capacity = 0;
  /** The size at which the table doubles; before the table exists, the capacity it will start with (0: 16). */
  #threshold = 0;

  /** `new HashMap<>(source)`: sized for the source, its entries put in its order. */
  static copyOf(source: JavaMap): JavaHashMap {
    return new JavaHashMap().putAll(source);
  }

  /** Java's `put`: `keyType` (the attribute type of the key, when known) decides a number's hash. */
  put(key: unknown, value: unknown, keyType?: AttributeType): this {
    if (super.has(key)) return super.set(key, value);
    if (this.#insert(key, value, spread(javaHashCode(key, keyType)))) this.#layOut();
    return this;
  }

  override set(key: unknown, value: unknown): this {
    return this.put(key, value);
  }

  /** Java's `putAll`: sizes the table for the entries first, then puts each in the source's order. */
  putAll(source: JavaMap): this {
    const s = mapSize(source);
    if (s === 0) return this;
    let moved = false;
    if (this.#capacity === 0) {
      const t = Math.trunc(Math.fround(Math.fround(s / 0.75) + 1));
      if (t > this.#threshold) this.#threshold = tableSizeFor(t);
    } else if (s > this.#threshold) {
      moved = this.#resize();
    }
    return this.#putEach(source, (_k, v) => v, true, moved);
  }

  /**
   * Puts each key of `source` this map lacks, hashed as the source hashed it (a HashMap's keys keep their Java
   * class), with the value `valueOf` gives: how a HashSet collects the keys of maps and a map is built from it.
   */
  putKeysOf(source: JavaMap, valueOf: (key: unknown, value: unknown) => unknown): this {
    return this.#putEach(source, valueOf, false, false);
  }

  #putEach(
    source: JavaMap,
    valueOf: (key: unknown, value: unknown) => unknown,
    replace: boolean,
    moved: boolean,
  ): this {
    if (source instanceof JavaHashMap) {
      const keys = [...source.#keys];
      const hashes = [...source.#hashes];
      keys.forEach((k, i) => {
        if (super.has(k)) {
          if (replace) super.set(k, valueOf(k, source.get(k)));
        } else {
          moved = this.#insert(k, valueOf(k, source.get(k)), hashes[i]!) || moved;
        }
      });
    } else {
      for (const [k, v] of [...mapEntries(source)]) {
        if (super.has(k)) {
          if (replace) super.set(k, valueOf(k, v));
        } else {
          moved = this.#insert(k, valueOf(k, v), spread(javaHashCode(k))) || moved;
        }
      }
    }
    if (moved) this.#layOut();
    return this;
  }

  override delete(key: unknown): boolean {
    if (!super.has(key)) return false;
    const at = this.#keys.findIndex((k) => sameKey(k, key));
    this.#keys.splice(at, 1);
    this.#hashes.splice(at, 1);
    return super.delete(key);
  }

  override clear(): void {
    this.#keys = [];
    this.#hashes = [];
    super.clear();
  }

  /**
   * Adds a new key after the last key of its bucket, and to the end of the JS map; true when that end is not
   * where Java's order has it (the JS map needs laying out again).
   */
  #insert(key: unknown, value: unknown, hash: number): boolean {
    if (this.#capacity === 0) this.#resize();
    const mask = this.#capacity - 1;
    const bin = hash & mask;
    let at = this.#keys.length;
    while (at > 0 && (this.#hashes[at - 1]! & mask) > bin) at--;
    let before = 0;
    while (before < at && (this.#hashes[at - 1 - before]! & mask) === bin) before++;
    if (at === this.#keys.length) {
      this.#keys.push(key);
      this.#hashes.push(hash);
    } else {
      this.#keys.splice(at, 0, key);
      this.#hashes.splice(at, 0, hash);
    }
    super.set(key, value);
    let moved = at !== this.#keys.length - 1;
    if (before >= TREEIFY_THRESHOLD && this.#capacity < MIN_TREEIFY_CAPACITY) moved = this.#resize();
    if (this.#keys.length > this.#threshold) moved = this.#resize();
    return moved;
  }

  /** HashMap.resize: the first table, or twice the table, each bucket split in order (a stable sort by bucket). */
  #resize(): true {
    const oldCap = this.#capacity;
    let newThr = 0;
    if (oldCap > 0) {
      this.#capacity = oldCap * 2;
      if (oldCap >= DEFAULT_CAPACITY) newThr = this.#threshold * 2;
    } else {
      this.#capacity = this.#threshold > 0 ? this.#threshold : DEFAULT_CAPACITY;
    }
    this.#threshold = newThr === 0 ? Math.trunc(this.#capacity * 0.75) : newThr;
    if (this.#keys.length < 2) return true;
    const mask = this.#capacity - 1;
    const order = this.#keys.map((_k, i) => i);
    order.sort((a, b) => (this.#hashes[a]! & mask) - (this.#hashes[b]! & mask) || a - b);
    this.#keys = order.map((i) => this.#keys[i]);
    this.#hashes = order.map((i) => this.#hashes[i]!);
    return true;
  }

  /** Lays the JS map out again in Java's order. */
  #layOut(): void {
    const entries = this.#keys.map((k): [unknown, unknown] => [k, super.get(k)]);
    super.clear();
    for (const [k, v] of entries) super.set(k, v);
  }
}
