/**
 * Pushes a registry's text exposition to a Prometheus Pushgateway: `PUT` (push: replaces the group's
 * metrics) or `POST` (pushadd: replaces only metrics of the same names) to
 * `<push.url>/metrics/job/<job>/<key>/<value>...`. Values the path cannot carry plainly (with a `/`, or
 * empty) use the Pushgateway's base64 form `<key>@base64/<value>`.
 */
import type { Registry } from 'prom-client';
import { ConnectionUnavailableError, errorMessage } from '../../framework/transport.js';

function segment(key: string, value: string): string {
  if (value === '' || value.includes('/')) {
    return `${key}@base64/${Buffer.from(value, 'utf8').toString('base64url') || '='}`;
  }
  return `${key}/${encodeURIComponent(value)}`;
}

/** The URL of the group of `job` and `groupingKey` on the Pushgateway at `base`. */
export function groupUrl(base: URL, job: string, groupingKey: readonly (readonly [string, string])[]): string {
  const root = base.href.replace(/\/+$/, '');
  return [root, 'metrics', segment('job', job), ...groupingKey.map(([k, v]) => segment(k, v))].join('/');
}

/** Pushes; a refused connection, a timeout or a 5xx reply is a `ConnectionUnavailableError`. */
export async function pushRegistry(
  url: string,
  method: 'PUT' | 'POST',
  registry: Registry,
  timeoutMs = 10_000,
): Promise<void> {
  const body = await registry.metrics();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      body,
      headers: { 'content-type': registry.contentType },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    throw new ConnectionUnavailableError(`cannot push to the Pushgateway at ${url}: ${errorMessage(cause ?? e)}`, {
      cause: e,
    });
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  const message = `the Pushgateway replied ${res.status} to ${method} ${url}${text.trim() ? `: ${text.trim()}` : ''}`;
  if (res.status >= 500) throw new ConnectionUnavailableError(message);
  throw new Error(message);
}
