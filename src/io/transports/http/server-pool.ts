/**
 * HTTP listeners shared by sources: every `http` source on the same host and port (of any app) shares one
 * server and gets its own path, as in Siddhi. Port 0 (an ephemeral port) always gets a server of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Listener {
  readonly server: Server;
  readonly routes: Map<string, RouteHandler>;
  readonly host: string;
  port: number;
}

const pool = new Map<string, Listener>();

function route(listener: Listener, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '') || '/';
  const handler = listener.routes.get(path);
  if (!handler) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`no source listens on ${path}\n`);
    return;
  }
  handler(req, res);
}

/** Adds a route on host:port, starting the server when it is the first; resolves with the listener. */
export async function addRoute(host: string, port: number, path: string, handler: RouteHandler): Promise<Listener> {
  const key = `${host}:${port}`;
  let listener = port === 0 ? undefined : pool.get(key);
  if (!listener) {
    const routes = new Map<string, RouteHandler>();
    const server = createServer((req, res) => route(created, req, res));
    const created: Listener = { server, routes, host, port };
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    created.port = (server.address() as AddressInfo).port;
    if (port !== 0) pool.set(key, created);
    listener = created;
  }
  if (listener.routes.has(path)) throw new Error(`another source already listens on http://${key}${path}`);
  listener.routes.set(path, handler);
  return listener;
}

/** Removes a route; closes the server when no route is left. */
export async function removeRoute(listener: Listener, path: string): Promise<void> {
  listener.routes.delete(path);
  if (listener.routes.size > 0) return;
  for (const [k, l] of pool) if (l === listener) pool.delete(k);
  listener.server.closeAllConnections();
  await new Promise<void>((resolve) => listener.server.close(() => resolve()));
}
