/**
 * The k-means model of the streamingml: extension, computed as its Java KMeansClusterer computes it, step for
 * step, so the centroids match to the last digit:
 *
 * - Distances are Euclidean, rounded to 4 decimals (Java's `Math.round(d * 10000.0) / 10000.0`); a point
 *   belongs to the first centroid, in model order, at the smallest rounded distance.
 * - A new centroid is the mean of its members rounded to 4 decimals; a centroid without members becomes
 *   the origin (Java rounds the 0/0 NaN to 0).
 * - The first training fills the model with the first k distinct points of its batch, in arrival order,
 *   then, once it has k centroids, moves them to their members' means until they stop moving or the
 *   iterations run out. The model counts as trained after it, even with fewer than k centroids.
 * - Each later training first takes distinct points of its batch as centroids while it has fewer than k;
 *   once it has k, it runs the same iterations from copies of the centroids, then blends: a centroid that
 *   has members after the last assignment becomes `round4((1 - decay) * old + decay * new)`, one without
 *   stays as it was. When the iterations run out while the centroids still move, the last assignment has
 *   no members (as in Java), so no centroid changes.
 *
 * Coordinate arrays are never changed once made (the Java code clones them at every get and set).
 */
import { javaRoundDouble } from '../math/java-math.js';
import type { ErrorMaker } from './ml-args.js';

type Point = readonly number[];

interface Cluster {
  centroid: Point;
  members: Point[];
}

export interface KMeansModelState {
  readonly trained: boolean;
  readonly centroids: number[][];
}

function round4(x: number): number {
  return javaRoundDouble(x * 10000.0) / 10000.0;
}

/** Java's `MathUtil.euclideanDistance`: the square root of the summed squares, rounded to 4 decimals. */
export function euclideanDistance(a: Point, b: Point): number {
  let sum = 0.0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d; // Math.pow(d, 2) is d * d in Java
  }
  return round4(Math.sqrt(sum));
}

/** Java's `Arrays.equals(double[], double[])`: bit equality (NaN equals NaN, 0.0 differs from -0.0). */
function samePoint(a: Point, b: Point): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameCentroids(a: readonly Cluster[], b: readonly Cluster[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePoint(a[i]!.centroid, b[i]!.centroid)) return false;
  return true;
}

export class KMeansModel {
  clusters: Cluster[] = [];
  trained = false;

  constructor(
    private readonly k: number,
    private readonly dimensionality: number,
    private readonly error: ErrorMaker,
  ) {}

  /** The centroid a point belongs to (the first at the smallest rounded distance). */
  private closest(point: Point): Cluster {
    const clusters = this.clusters;
    const first = clusters[0];
    if (first === undefined) throw this.error('the model has no cluster to compare the point with');
    let min = euclideanDistance(first.centroid, point);
    let found = first;
    // Java compares the first centroid with itself too, which changes nothing.
    for (let i = 1; i < clusters.length; i++) {
      const c = clusters[i]!;
      const d = euclideanDistance(c.centroid, point);
      if (d < min) {
        min = d;
        found = c;
      }
    }
    return found;
  }

  /** Writes the distance to the closest centroid, then its coordinates, into `out`. */
  closestInfo(point: Point, out: unknown[]): void {
    const c = this.closest(point);
    out[0] = euclideanDistance(point, c.centroid);
    for (let i = 0; i < c.centroid.length; i++) out[i + 1] = c.centroid[i];
  }

  /** Trains on a batch: the first time clusters it, later updates the centroids with `decayRate`. */
  train(points: readonly Point[], decayRate: number, maximumIterations: number): void {
    if (!this.trained) {
      this.cluster(points, maximumIterations);
      this.trained = true;
    } else this.update(points, decayRate, maximumIterations);
  }

  /** Adds the distinct points of the batch as centroids, in order, while there are fewer than k. */
  private build(points: readonly Point[]): void {
    let count = this.clusters.length;
    for (const p of points) {
      if (count >= this.k) break;
      if (!this.clusters.some((c) => samePoint(c.centroid, p))) {
        this.clusters.push({ centroid: p, members: [] });
        count++;
      }
    }
  }

  private assign(points: readonly Point[]): void {
    for (const c of this.clusters) if (c.members.length !== 0) c.members = [];
    for (const p of points) this.closest(p).members.push(p);
  }

  private means(): Cluster[] {
    const d = this.dimensionality;
    const out: Cluster[] = [];
    for (const c of this.clusters) {
      const total: number[] = [];
      for (let i = 0; i < d; i++) total.push(0);
      const members = c.members;
      for (const m of members) for (let i = 0; i < d; i++) total[i] = total[i]! + m[i]!;
      const n = members.length;
      for (let i = 0; i < d; i++) total[i] = round4(total[i]! / n);
      out.push({ centroid: total, members: [] });
    }
    return out;
  }

  private cluster(points: readonly Point[], maximumIterations: number): void {
    this.build(points);
    if (points.length === 0 || this.clusters.length !== this.k) return;
    for (let iter = 0; iter < maximumIterations; iter++) {
      this.assign(points);
      const next = this.means();
      if (sameCentroids(this.clusters, next)) break;
      this.clusters = next;
    }
  }

  private update(points: readonly Point[], decayRate: number, maximumIterations: number): void {
    if (points.length === 0) return;
    if (this.clusters.length < this.k) this.build(points);
    if (this.clusters.length !== this.k) return;
    const old = this.clusters.map((c) => c.centroid);
    const moved: Cluster[] = this.clusters.map((c) => ({ centroid: c.centroid, members: [] }));
    for (let iter = 0; iter < maximumIterations; iter++) {
      this.assign(points);
      const next = this.means();
      if (sameCentroids(moved, next)) break;
      this.clusters = next;
      for (let i = 0; i < next.length; i++) moved[i]!.centroid = next[i]!.centroid;
    }
    for (let i = 0; i < moved.length; i++) {
      const before = old[i]!;
      if (this.clusters[i]!.members.length !== 0) {
        const after = moved[i]!.centroid;
        const blended: number[] = [];
        for (let j = 0; j < before.length; j++)
          blended.push(round4((1 - decayRate) * before[j]! + decayRate * after[j]!));
        moved[i]!.centroid = blended;
      } else moved[i]!.centroid = before;
    }
    this.clusters = moved;
  }

  snapshot(): KMeansModelState {
    return { trained: this.trained, centroids: this.clusters.map((c) => [...c.centroid]) };
  }

  restore(s: KMeansModelState): void {
    this.trained = s.trained;
    this.clusters = s.centroids.map((c) => ({ centroid: [...c], members: [] }));
  }
}
