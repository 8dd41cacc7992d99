/** Checks the URL of the PostgreSQL persistence store (config validation, store opening). */
import { maskUrl } from '../../io/transports/shared/mask-url.js';

/** Why a PostgreSQL persistence URL is unusable, or undefined when it is fine. */
export function checkPostgresUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `'${maskUrl(url)}' is not a URL; write postgresql://user:password@host:5432/database`;
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    return `'${maskUrl(url)}' is not a PostgreSQL URL (scheme '${u.protocol.slice(0, -1)}'); write postgresql://user:password@host:5432/database`;
  }
  if (u.hostname === '') return `'${maskUrl(url)}' names no host; write postgresql://user:password@host:5432/database`;
  return undefined;
}
