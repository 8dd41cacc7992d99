/** Starts a real server on 127.0.0.1 with an ephemeral port and temporary folders, and talks to it over HTTP. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEFAULT_CONFIG, type ServerConfig } from '../../src/server/config/server-config.js';
import { startServer, type StartOptions, type TributaryServer } from '../../src/server/server.js';

export const ADMIN = { user: 'admin', password: 'admin-secret' };
export const VIEWER = { user: 'watcher', password: 'viewer-secret' };
export const VIEWER_TOKEN = 'viewer-token-0123456789abcdef';

export interface Harness {
  readonly server: TributaryServer;
  readonly url: string;
  readonly dataDir: string;
  readonly appsDir: string;
  readonly logs: string[];
  /** Resolves with the first log line (already written or to come) that matches. */
  waitForLog(pattern: RegExp): Promise<string>;
  request(method: string, path: string, opts?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

export interface RequestOptions {
  /** A string is sent as text/plain; anything else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  /** Credentials; default the admin. `null` sends none. */
  readonly auth?: { user: string; password: string } | { token: string } | null;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tributary-${prefix}-`));
}

export async function startHarness(
  opts: { dataDir?: string; appsDir?: string; config?: Partial<ServerConfig>; start?: StartOptions } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? tempDir('data');
  const appsDir = opts.appsDir ?? join(dataDir, 'apps');
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    appsDir,
    logLevel: 'info',
    persistence: { type: 'sqlite', intervalSeconds: 0, revisionsToKeep: 3 },
    auth: {
      enabled: true,
      users: [
        { name: 'admin', password: ADMIN.password, roles: ['admin'] },
        { name: VIEWER.user, password: VIEWER.password, roles: ['viewer'] },
      ],
      tokens: [{ token: VIEWER_TOKEN, user: VIEWER.user }],
    },
    ...opts.config,
  };
  const logs: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        logs.push(line);
        for (const w of waiting.splice(0)) {
          if (w.pattern.test(line)) w.resolve(line);
          else waiting.push(w);
        }
      }
      done();
    },
  });
  const waitForLog = (pattern: RegExp): Promise<string> => {
    const seen = logs.find((l) => pattern.test(l));
    return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => waiting.push({ pattern, resolve }));
  };
  const server = await startServer(config, { logDestination: sink, env: {}, ...opts.start });
  const request = async (method: string, path: string, r: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    const auth = r.auth === undefined ? ADMIN : r.auth;
    if (auth && 'token' in auth) headers['authorization'] = `Bearer ${auth.token}`;
    else if (auth)
      headers['authorization'] = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    let body: string | undefined;
    if (r.body !== undefined) {
      body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      headers['content-type'] = r.contentType ?? (typeof r.body === 'string' ? 'text/plain' : 'application/json');
    }
    const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return { server, url: server.url, dataDir, appsDir, logs, waitForLog, request, close: () => server.close() };
}

/** Rows of an on-demand query through the Store API. */
export async function storeQuery(h: Harness, appName: string, query: string): Promise<unknown[][]> {
  const r = await h.request('POST', '/stores/query', { body: { appName, query } });
  if (r.status !== 200) throw new Error(`store query failed: ${r.status} ${r.text}`);
  return (r.json as { records: unknown[][] }).records;
}

export async function sendEvent(
  h: Harness,
  app: string,
  stream: string,
  data: unknown[],
  timestamp?: number,
): Promise<void> {
  const r = await h.request('POST', '/simulation/single', {
    body: { siddhiAppName: app, streamName: stream, data, ...(timestamp !== undefined ? { timestamp } : {}) },
  });
  if (r.status !== 200) throw new Error(`simulation failed: ${r.status} ${r.text}`);
}
