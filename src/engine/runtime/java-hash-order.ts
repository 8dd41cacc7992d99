/**
 * The order in which Java's HashMap and ConcurrentHashMap iterate String keys, for the extensions that
 * walk such a map: #geo:proximity compares a location with every other object in the order of a
 * HashMap (the order of its outputs), #geo:locationApproximate sums the beacons of a recorder in the
 * order of a ConcurrentHashMap (floating-point sums depend on it), and joins read the unique:ever and
 * unique:first windows in the order of the ConcurrentHashMap of their keys' text.
 *
 * Both iterate by bucket, the key's spread String hash masked by the table size, then along the bucket.
 * The table starts at 16 and doubles (never shrinks); a key joins the end of its bucket. HashMap doubles
 * when its 13th key (more than 3/4) comes in, and when a bucket reaches 9 keys while the table is under 64;
 * it keeps the order within buckets as it splits them. ConcurrentHashMap doubles when its 12th key (3/4)
 * comes in; a bucket reaching 9 keys under a table of 64 makes it grow to 4 times the size needed;
 * splitting a bucket keeps the trailing run of keys that go the same way and puts each key before it
 * in front, one after the other (reversing them). Not modelled: buckets of 9 and more keys in tables of 64
 * and more, which Java turns into trees with their own order (which needs 9 keys of the same bucket).
 */
import { javaStringHash } from '../table/java-scan-order.js';

const INITIAL_CAPACITY = 16;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

function spread(key: string): number {
  const h = javaStringHash(key);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/** The keys of a map, bucket by bucket: what is snapshotted. */
export type HashOrderState = readonly (readonly string[])[];

abstract class JavaHashOrder {
  /** The buckets (the table); empty until the first key. */
  protected bins: string[][] = [];
  protected count = 0;

  /** Records a key the map does not hold yet. */
  add(key: string): void {
    if (this.bins.length === 0) this.bins = emptyBins(INITIAL_CAPACITY);
    const bin = this.bins[spread(key) & (this.bins.length - 1)]!;
    const before = bin.length;
    bin.push(key);
    this.count++;
    this.grow(before);
  }

  /** Forgets a key the map holds. */
  delete(key: string): void {
    if (this.bins.length === 0) return;
    const bin = this.bins[spread(key) & (this.bins.length - 1)]!;
    const at = bin.indexOf(key);
    if (at < 0) return;
    bin.splice(at, 1);
    this.count--;
  }

  /** The keys in the map's iteration order. */
  keys(): string[] {
    return this.bins.flat();
  }

  snapshot(): HashOrderState {
    return this.bins.map((b) => [...b]);
  }

  restore(state: HashOrderState): void {
    this.bins = state.map((b) => [...b]);
    this.count = this.bins.reduce((n, b) => n + b.length, 0);
  }

  /** Resizes as the map does after a key joined a bucket that held `before` keys. */
  protected abstract grow(before: number): void;
}

/** java.util.HashMap. */
export class JavaHashMapOrder extends JavaHashOrder {
  protected grow(before: number): void {
    if (before >= TREEIFY_THRESHOLD && this.bins.length < MIN_TREEIFY_CAPACITY) this.resize();
    if (this.count > this.bins.length * 0.75) this.resize();
  }

  private resize(): void {
    const n = this.bins.length;
    const next = emptyBins(n * 2);
    this.bins.forEach((bin, i) => {
      for (const key of bin) next[(spread(key) & n) === 0 ? i : i + n]!.push(key);
    });
    this.bins = next;
  }
}

/** java.util.concurrent.ConcurrentHashMap (uncontended). */
export class JavaConcurrentHashMapOrder extends JavaHashOrder {
  protected grow(before: number): void {
    if (before >= TREEIFY_THRESHOLD && this.bins.length < MIN_TREEIFY_CAPACITY) this.presize(this.bins.length * 2);
    while (this.count >= this.sizeCtl()) this.transfer();
  }

  /** The size at which the table doubles: 3/4 of it. */
  private sizeCtl(): number {
    const n = this.bins.length;
    return n - (n >>> 2);
  }

  /** tryPresize: doubles until 3/4 of the table holds 1.5 times `size`. */
  private presize(size: number): void {
    const wanted = tableSizeFor(size + (size >>> 1) + 1);
    while (wanted > this.sizeCtl()) this.transfer();
  }

  private transfer(): void {
    const n = this.bins.length;
    const next = emptyBins(n * 2);
    this.bins.forEach((bin, i) => {
      if (bin.length === 0) return;
      const high = bin.map((key) => (spread(key) & n) !== 0);
      let lastRun = bin.length - 1;
      while (lastRun > 0 && high[lastRun - 1] === high[lastRun]) lastRun--;
      const lo: string[] = [];
      const hi: string[] = [];
      (high[lastRun] ? hi : lo).push(...bin.slice(lastRun));
      for (let j = 0; j < lastRun; j++) (high[j] ? hi : lo).unshift(bin[j]!);
      next[i] = lo;
      next[i + n] = hi;
    });
    this.bins = next;
  }
}

function emptyBins(n: number): string[][] {
  return Array.from({ length: n }, () => []);
}

/** The smallest power of two at least `c`. */
function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return n;
}
