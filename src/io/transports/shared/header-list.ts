/** Siddhi-style header lists: `headers="'Name:value','Other:value'"` (quotes optional). */
export function parseHeaders(text: string | undefined): [string, string][] {
  if (text === undefined || text.trim() === '') return [];
  const out: [string, string][] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim().replace(/^['"]|['"]$/g, '');
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    out.push([item.slice(0, colon).trim(), item.slice(colon + 1).trim()]);
  }
  return out;
}
