/**
 * Shortens an array to its first `n` elements.
 *
 * Assigning `length` is not compiled into optimized code: V8 calls its runtime through the length
 * accessor, 50 to 100 ns here. Done for every event (a pattern's partial matches, its output list),
 * that took a third of the pattern scenario's time. `pop()` is compiled inline. So: nothing when the
 * array is no longer than `n`, pops when a few elements go, `length` when many do.
 */
export function truncate(a: unknown[], n: number): void {
  const excess = a.length - n;
  if (excess <= 0) return;
  if (excess <= 8) for (let i = 0; i < excess; i++) a.pop();
  else a.length = n;
}
