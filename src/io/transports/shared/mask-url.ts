/** Hides credentials in connection URLs before they reach logs, endpoints or error messages. */

/**
 * `amqp://user:secret@host/vh` → `amqp://user:***@host/vh` (also `jdbc:postgresql://user:secret@...`); a
 * comma-separated list is masked item by item.
 */
export function maskUrl(url: string): string {
  return url
    .split(',')
    .map((u) =>
      u.replace(/^((?:[a-z][a-z0-9+.-]*:)+\/\/)([^@/?#]*)@/i, (_m, scheme: string, auth: string) => {
        const colon = auth.indexOf(':');
        return colon < 0 ? `${scheme}***@` : `${scheme}${auth.slice(0, colon)}:***@`;
      }),
    )
    .join(',');
}

/** An error's message with every URL in it masked (client libraries often echo the URL they failed on). */
export function maskedMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (u) => maskUrl(u));
}

/** Removes each secret (a password, a token) wherever it appears in `text`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}
