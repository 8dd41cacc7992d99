/**
 * The HTTP servers of prometheus sinks in 'server' mode. Every sink whose server.url has the same host and
 * port (of any app) shares one server, as siddhi-io-prometheus shares one registry per host and port; the
 * server answers a GET on any path with the text exposition of all their registries. Port 0 (an ephemeral
 * port) always gets a server of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { ConnectionUnavailableError, errorMessage } from '../../framework/transport.js';

export interface MetricsServer {
  readonly host: string;
  /** The bound port (the ephemeral one for port 0). */
  readonly port: number;
}

interface PooledServer extends MetricsServer {
  readonly key: string;
  readonly server: Server;
  readonly registries: Set<Registry>;
  closed: boolean;
}

/** Servers by host:port, while starting or running (so sinks connecting at once share one). */
const pool = new Map<string, Promise<PooledServer>>();

async function exposition(registries: Iterable<Registry>): Promise<string> {
  const texts = await Promise.all([...registries].map((r) => r.metrics()));
  return texts.filter((t) => t.trim() !== '').join('');
}

function handle(s: PooledServer, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('only GET serves metrics\n');
    return;
  }
  exposition(s.registries).then(
    (text) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${errorMessage(e)}\n`),
  );
}

async function listen(host: string, port: number): Promise<PooledServer> {
  const key = `${host}:${port}`;
  const server = createServer((req, res) => handle(created, req, res));
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error): void =>
      reject(new ConnectionUnavailableError(`cannot serve metrics at ${key}: ${errorMessage(e)}`, { cause: e }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      // a listening server's later errors (a broken client socket) must not take the process down
      server.on('error', () => undefined);
      resolve();
    });
  });
  const created: PooledServer = {
    key,
    server,
    host,
    port: (server.address() as AddressInfo).port,
    registries: new Set(),
    closed: false,
  };
  return created;
}

/** Serves `registry` at host:port, starting the server when it is the first; a metric name may be served once. */
export async function serveRegistry(host: string, port: number, registry: Registry): Promise<MetricsServer> {
  const key = `${host}:${port}`;
  let pending = port === 0 ? undefined : pool.get(key);
  if (!pending) {
    const started = listen(host, port);
    pending = started;
    if (port !== 0) {
      pool.set(key, started);
      started.catch(() => {
        if (pool.get(key) === started) pool.delete(key);
      });
    }
  }
  const s = await pending;
  if (s.closed) return serveRegistry(host, port, registry);
  for (const m of registry.getMetricsAsArray()) {
    for (const other of s.registries) {
      if (other !== registry && other.getSingleMetric(m.name)) {
        throw new Error(`metric '${m.name}' is already served at ${key} by another prometheus sink`);
      }
    }
  }
  s.registries.add(registry);
  return s;
}

/** Stops serving `registry`; closes the server when no registry is left. */
export async function unserveRegistry(served: MetricsServer, registry: Registry): Promise<void> {
  const s = served as PooledServer;
  s.registries.delete(registry);
  if (s.registries.size > 0 || s.closed) return;
  s.closed = true;
  const pending = pool.get(s.key);
  if (pending) {
    const current = await pending.catch(() => undefined);
    if (current === s) pool.delete(s.key);
  }
  s.server.closeAllConnections();
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
}
