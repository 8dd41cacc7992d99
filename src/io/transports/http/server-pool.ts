/**
 * HTTP listeners shared by sources: every `http` / `http-service` source on the same host and port (of any
 * app) shares one server and gets its own path, as in Siddhi. Port 0 (an ephemeral port) always gets a server
 * of its own. A server is plain HTTP or HTTPS; sources sharing an HTTPS port must give the same TLS files.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerTls } from './tls.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Listener {
  readonly server: Server;
  readonly routes: Map<string, RouteHandler>;
  readonly host: string;
  port: number;
  /** The TLS configuration's id, undefined for plain HTTP. */
  readonly tlsId: string | undefined;
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
export async function addRoute(
  host: string,
  port: number,
  path: string,
  handler: RouteHandler,
  tls?: ServerTls,
): Promise<Listener> {
  const key = `${host}:${port}`;
  let listener = port === 0 ? undefined : pool.get(key);
  if (listener && listener.tlsId !== tls?.id) {
    throw new Error(
      listener.tlsId === undefined || tls === undefined
        ? `${key} already serves ${listener.tlsId === undefined ? 'http' : 'https'}; one port serves either http or https`
        : `${key} already serves https with other TLS files; sources sharing a port must give the same tls.* options`,
    );
  }
  if (!listener) {
    const routes = new Map<string, RouteHandler>();
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => route(created, req, res);
    const server: Server = tls
      ? createHttpsServer(
          {
            key: tls.key,
            cert: tls.cert,
            ...(tls.ca ? { ca: tls.ca } : {}),
            requestCert: tls.requestCert,
            rejectUnauthorized: tls.rejectUnauthorized,
          },
          onRequest,
        )
      : createServer(onRequest);
    const created: Listener = { server, routes, host, port, tlsId: tls?.id };
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
  if (listener.routes.has(path)) throw new Error(`another source already listens on ${key}${path}`);
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
