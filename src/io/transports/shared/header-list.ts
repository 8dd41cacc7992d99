/** Siddhi-style header lists: `headers="'Name:value','Other:value'"` (quotes optional). */
export function parseHeaders(text: string | undefined): [string, string][] {
  if (text === undefined || text.trim() === '') return [];
  const out: [string, string][] = [];
  for (const item of headerItems(text)) {
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    out.push([item.slice(0, colon).trim(), item.slice(colon + 1).trim()]);
  }
  return out;
}

/** The entries of a header list that are not `name:value` (empty when the list is well formed). */
export function malformedHeaders(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  return headerItems(text).filter((item) => item.indexOf(':') <= 0);
}

function headerItems(text: string): string[] {
  return text.split(',').map((raw) => raw.trim().replace(/^['"]|['"]$/g, ''));
}
