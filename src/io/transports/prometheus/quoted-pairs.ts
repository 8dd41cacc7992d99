/**
 * Siddhi's quoted key-value lists, as siddhi-io-prometheus reads `grouping.key` and `headers`:
 * `"'key1:value1','key2:value2'"`. Each pair splits at its first colon.
 */
export function parseQuotedPairs(option: string, text: string | undefined): [string, string][] {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return [];
  const body = trimmed.startsWith("'") && trimmed.endsWith("'") && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed;
  return body.split(/'\s*,\s*'/).map((item) => {
    const colon = item.indexOf(':');
    if (colon <= 0) {
      throw new Error(`${option} '${trimmed}' is not in the form "'key1:value1','key2:value2'"`);
    }
    return [item.slice(0, colon).trim(), item.slice(colon + 1).trim()];
  });
}
