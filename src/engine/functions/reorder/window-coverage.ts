/**
 * The two window-coverage measures Alpha K-slack steers by (siddhi-execution-reorder's WindowCoverage,
 * after Ji et al., "Quality-driven disorder handling for concurrent windowed stream queries"): the
 * coverage threshold the correlation field's recent values call for, and the coverage the current K
 * actually achieved.
 */

/**
 * The smallest root of the two quadratics a·θ² + b₁·θ + c₁ ≤ 0 and a·θ² + b₂·θ + c₂ ≤ 0 built from the
 * values' mean and variance (0 when neither has a real root). As in the extension, the variance enters
 * squared where the relative spread is taken; values with mean 0 give NaN.
 */
export function coverageThreshold(criticalValue: number, errorThreshold: number, values: readonly number[]): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = mean - values[i]!;
    squares += d * d;
  }
  const variance = squares / n;
  const spread = Math.sqrt((mean * mean + variance * variance) / (n * (mean * mean)));
  const t = criticalValue * criticalValue * (spread * spread);
  const a = 1 + t;
  const b1 = 2 * errorThreshold - 2 - t;
  const c1 = (1 - errorThreshold) * (1 - errorThreshold);
  const b2 = -(2 + 2 * errorThreshold + t);
  const c2 = (1 + errorThreshold) * (1 + errorThreshold);
  const d1 = b1 * b1 - 4 * a * c1;
  const d2 = b2 * b2 - 4 * a * c2;
  const lower1 = d1 >= 0 ? Math.min((-b1 - Math.sqrt(d1)) / (2 * a), (-b1 + Math.sqrt(d1)) / (2 * a)) : 0;
  const lower2 = d2 >= 0 ? Math.min((-b2 - Math.sqrt(d2)) / (2 * a), (-b2 + Math.sqrt(d2)) / (2 * a)) : 0;
  if (d1 >= 0 && d2 < 0) return lower1;
  if (d2 >= 0 && d1 < 0) return lower2;
  if (d1 < 0 && d2 < 0) return 0;
  return Math.min(lower1, lower2);
}

/**
 * The share of the events of the window [now − l − size, now − l] that arrived before the first event
 * at or past its upper edge, counting in arrival order from the first event at or past its lower edge
 * (1 when the window has none). Drops the timestamps at or below the lower edge from `timestamps`.
 */
export function runtimeCoverage(now: number, timestamps: number[], l: number, size: number): number {
  const high = now - l;
  const low = now - l - size;
  let covered = 0;
  let total = 0;
  let lowMet = false;
  let highMet = false;
  let kept = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const ts = timestamps[i]!;
    if (!lowMet && low <= ts) lowMet = true;
    if (!highMet && high <= ts) highMet = true;
    if (lowMet && low <= ts && ts <= high) {
      if (!highMet) covered++;
      total++;
    }
    if (ts > low) timestamps[kept++] = ts;
  }
  timestamps.length = kept;
  return total !== 0 ? covered / total : 1;
}
