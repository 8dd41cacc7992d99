/**
 * `@source(type='websocket', url='ws://host:port/path')`: connects to a WebSocket server as a client and
 * takes every message it receives; reconnects with backoff when the server goes away.
 */
import type WebSocket from 'ws';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { payloadOf } from './ws-payload.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'websocket',
  description:
    'Connects to a WebSocket server and maps every message it sends (text or binary); reconnects with backoff when the connection drops.',
  parameters: [],
  options: [
    { name: 'url', type: ['string'], optional: false, description: 'The server, e.g. ws://localhost:9025/events.' },
    { name: 'sub.protocol', type: ['string'], optional: true, description: 'Comma-separated sub-protocols to offer.' },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      description: "Handshake headers as `'Name:value','Name2:value2'`.",
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='websocket', url='ws://localhost:9025/sweets', @map(type='json'))\ndefine stream S (name string, amount double);",
      description: 'Reads JSON events pushed by the server.',
    },
  ],
};

export function subProtocols(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

class WebSocketSource implements Source {
  private socket: WebSocket | undefined;
  private closing = false;
  constructor(private readonly ctx: SourceContext) {
    const u = new URL(ctx.options.get('url') ?? '');
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
      throw new Error(`websocket url '${u.href}' must start ws:// or wss://`);
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('url');
  }

  async connect(): Promise<void> {
    this.closing = false;
    const { WebSocket: Client } = await import('ws');
    const url = this.ctx.options.get('url')!;
    const socket = new Client(url, subProtocols(this.ctx.options.get('sub.protocol')));
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.socket = socket;
        socket.on('message', (data, isBinary) => void this.ctx.deliver(payloadOf(data, isBinary)));
        socket.on('close', () => {
          if (this.socket === socket && !this.closing)
            this.ctx.connectionLost(new Error(`${url} closed the connection`));
        });
        resolve();
      });
      socket.once('error', (e) => {
        if (this.socket !== socket) reject(new ConnectionUnavailableError(`${url}: ${e.message}`, { cause: e }));
      });
    });
  }

  disconnect(): Promise<void> {
    this.closing = true;
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.readyState === s.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.terminate();
    });
  }
}

export const websocketSource: SourceFactory = { spec, create: (ctx) => new WebSocketSource(ctx) };
