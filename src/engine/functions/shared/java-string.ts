/** Java's `String` operations whose results differ from JavaScript's own. */

/** Java's `String.trim()`: drops every char up to U+0020 at both ends (control characters too), and nothing else. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
