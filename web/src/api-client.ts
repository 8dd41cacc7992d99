/** Calls the Tributary REST API with the credentials the user gave (Basic user/password or a Bearer token). */
// The catalog's wire types are the server's own (type-only: nothing of the server is bundled).
import type { CatalogEntryJson, CatalogJson } from '../../src/server/editor/editor-catalog.js';

export type Credentials = { readonly user: string; readonly password: string } | { readonly token: string };

export interface ValidationError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One extension of the catalog (the server's wire type). */
export type CatalogEntry = CatalogEntryJson;

/** A reply that is not 2xx: its status and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export class ApiClient {
  constructor(private readonly credentials: Credentials) {}

  private authorization(): string {
    const c = this.credentials;
    return 'token' in c ? `Bearer ${c.token}` : `Basic ${btoa(`${c.user}:${c.password}`)}`;
  }

  async call<T>(method: string, path: string, body?: { text: string } | { json: unknown }): Promise<T> {
    const headers: Record<string, string> = { authorization: this.authorization() };
    let payload: string | undefined;
    if (body && 'text' in body) {
      headers['content-type'] = 'text/plain';
      payload = body.text;
    } else if (body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    const res = await fetch(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    if (!res.ok) {
      const message =
        typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string'
          ? (parsed as { message: string }).message
          : `${res.status} ${res.statusText}`;
      throw new ApiError(res.status, message, parsed);
    }
    return parsed as T;
  }

  catalog(): Promise<CatalogJson> {
    return this.call('GET', '/editor/api/catalog');
  }

  validate(text: string): Promise<{ ok: boolean; errors: ValidationError[] }> {
    return this.call('POST', '/editor/api/validate', { text });
  }

  deploy(text: string): Promise<{ message: string; name: string }> {
    return this.call('PUT', '/siddhi-apps', { text });
  }

  apps(): Promise<string[]> {
    return this.call('GET', '/siddhi-apps');
  }

  appText(name: string): Promise<{ content: string }> {
    return this.call('GET', `/siddhi-apps/${encodeURIComponent(name)}`);
  }

  sendEvent(app: string, stream: string, data: unknown[]): Promise<{ message: string }> {
    return this.call('POST', '/simulation/single', { json: { siddhiAppName: app, streamName: stream, data } });
  }
}
