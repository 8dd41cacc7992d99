/**
 * `websocket-server` source and sink: the app runs a WebSocket server on `host`:`port`. The source maps
 * every message any client sends; the sink sends every message to every connected client.
 */
import type { AddressInfo } from 'node:net';
import type { WebSocketServer, WebSocket } from 'ws';
import type { ExtensionSpec, OptionSpec } from '../../../lang/catalog.js';
import type {
  OptionReader,
  Sink,
  SinkFactory,
  Source,
  SourceContext,
  SourceFactory,
} from '../../framework/transport.js';
import { payloadOf, wireOf } from './ws-payload.js';

const OPTIONS: OptionSpec[] = [
  { name: 'host', type: ['string'], optional: true, defaultValue: '0.0.0.0', description: 'Interface to listen on.' },
  { name: 'port', type: ['int'], optional: false, description: 'Port to listen on (0 picks a free one).' },
];

function spec(kind: 'source' | 'sink'): ExtensionSpec {
  return {
    kind,
    namespace: '',
    name: 'websocket-server',
    description:
      kind === 'source'
        ? 'Runs a WebSocket server; every message a client sends is mapped into events.'
        : 'Runs a WebSocket server; every message is sent to all connected clients.',
    parameters: [],
    options: OPTIONS,
    examples: [
      {
        syntax: `@${kind}(type='websocket-server', host='0.0.0.0', port='9025', @map(type='json'))\ndefine stream S (name string, amount double);`,
        description:
          kind === 'source'
            ? 'Clients connect to ws://host:9025/ and send JSON events.'
            : 'Clients connect to ws://host:9025/ and receive JSON events.',
      },
    ],
  };
}

class Server {
  server: WebSocketServer | undefined;
  constructor(private readonly options: OptionReader) {}

  get endpoint(): string | undefined {
    const a = this.server?.address() as AddressInfo | undefined;
    return a ? `ws://${this.options.getOr('host', '0.0.0.0')}:${a.port}/` : undefined;
  }

  async start(onConnection?: (ws: WebSocket) => void): Promise<void> {
    const { WebSocketServer } = await import('ws');
    const server = new WebSocketServer({
      host: this.options.getOr('host', '0.0.0.0'),
      port: this.options.number('port', 0),
    });
    if (onConnection) server.on('connection', onConnection);
    return new Promise((resolve, reject) => {
      server.once('listening', () => {
        this.server = server;
        resolve();
      });
      server.once('error', reject);
    });
  }

  stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return Promise.resolve();
    for (const c of s.clients) c.terminate();
    return new Promise((resolve) => s.close(() => resolve()));
  }
}

class WebSocketServerSource implements Source {
  private readonly server: Server;
  private paused = false;
  constructor(private readonly ctx: SourceContext) {
    this.server = new Server(ctx.options);
  }
  get endpoint(): string | undefined {
    return this.server.endpoint;
  }
  connect(): Promise<void> {
    return this.server.start((ws) => {
      if (this.paused) ws.pause();
      ws.on('message', (data, isBinary) => void this.ctx.deliver(payloadOf(data, isBinary)));
    });
  }
  disconnect(): Promise<void> {
    return this.server.stop();
  }
  pause(): void {
    this.paused = true;
    for (const c of this.server.server?.clients ?? []) c.pause();
  }
  resume(): void {
    this.paused = false;
    for (const c of this.server.server?.clients ?? []) c.resume();
  }
}

class WebSocketServerSink implements Sink {
  private readonly server: Server;
  constructor(options: OptionReader) {
    this.server = new Server(options);
  }
  get endpoint(): string | undefined {
    return this.server.endpoint;
  }
  /** Connected clients (for tests and metrics). */
  get clients(): number {
    return this.server.server?.clients.size ?? 0;
  }
  connect(): Promise<void> {
    return this.server.start();
  }
  publish(payload: unknown): void {
    const wire = wireOf(payload);
    for (const c of this.server.server?.clients ?? []) if (c.readyState === c.OPEN) c.send(wire);
  }
  disconnect(): Promise<void> {
    return this.server.stop();
  }
}

export const websocketServerSource: SourceFactory = {
  spec: spec('source'),
  create: (ctx) => new WebSocketServerSource(ctx),
};
export const websocketServerSink: SinkFactory = {
  spec: spec('sink'),
  create: (ctx) => new WebSocketServerSink(ctx.options),
};
