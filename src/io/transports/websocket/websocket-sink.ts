/**
 * `@sink(type='websocket', url='ws://host:port/path')`: connects to a WebSocket server as a client and sends
 * each message; a dropped connection is reported as lost (handled per `on.error`, reconnected with backoff).
 */
import type WebSocket from 'ws';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { subProtocols } from './websocket-source.js';
import { wireOf } from './ws-payload.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'websocket',
  description: 'Connects to a WebSocket server and sends every message (text, or binary for bytes).',
  parameters: [],
  options: [
    { name: 'url', type: ['string'], optional: false, description: 'The server, e.g. ws://localhost:9025/events.' },
    { name: 'sub.protocol', type: ['string'], optional: true, description: 'Comma-separated sub-protocols to offer.' },
  ],
  examples: [
    {
      syntax:
        "@sink(type='websocket', url='ws://localhost:9025/out', @map(type='json'))\ndefine stream Out (name string, amount double);",
      description: 'Sends `{"event":{...}}` per event.',
    },
  ],
};

class WebSocketSink implements Sink {
  private socket: WebSocket | undefined;
  constructor(private readonly ctx: SinkContext) {
    const u = new URL(ctx.options.get('url') ?? '');
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
      throw new Error(`websocket url '${u.href}' must start ws:// or wss://`);
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('url');
  }

  async connect(): Promise<void> {
    const { WebSocket: Client } = await import('ws');
    const url = this.ctx.options.get('url')!;
    const socket = new Client(url, subProtocols(this.ctx.options.get('sub.protocol')));
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.socket = socket;
        socket.on('close', () => {
          if (this.socket === socket) {
            this.socket = undefined;
            this.ctx.connectionLost(new Error(`${url} closed the connection`));
          }
        });
        resolve();
      });
      socket.on('error', (e) => {
        if (this.socket !== socket) reject(new ConnectionUnavailableError(`${url}: ${e.message}`, { cause: e }));
      });
    });
  }

  publish(payload: unknown): Promise<void> {
    const s = this.socket;
    if (!s || s.readyState !== s.OPEN) {
      return Promise.reject(new ConnectionUnavailableError(`not connected to ${this.ctx.options.get('url')}`));
    }
    return new Promise((resolve, reject) =>
      s.send(wireOf(payload), (e) => (e ? reject(new ConnectionUnavailableError(e.message, { cause: e })) : resolve())),
    );
  }

  disconnect(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.readyState === s.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.close();
    });
  }
}

export const websocketSink: SinkFactory = { spec, create: (ctx) => new WebSocketSink(ctx) };
