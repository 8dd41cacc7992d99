/**
 * `@sink(type='tcp', url='tcp://host:9892/context')`: sends each message as a frame over one TCP connection;
 * a dropped connection is reported (handled per `on.error`) and re-established with backoff.
 */
import { connect, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { encodeFrame } from './tcp-frame.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'tcp',
  description: 'Sends each message over TCP (siddhi-io-tcp style frames) to the context of a `tcp` source.',
  parameters: [],
  options: [
    { name: 'url', type: ['string'], optional: false, description: 'tcp://host:port/context' },
    {
      name: 'tcp.no.delay',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: "Disables Nagle's algorithm.",
    },
    {
      name: 'keep.alive',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'Enables TCP keep-alive.',
    },
    {
      name: 'sync',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      dynamic: true,
      description:
        "Siddhi's choice to wait for each write to finish; every publish here already waits for its write, so either value sends the same way.",
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='tcp', url='tcp://localhost:9892/SweetStream', @map(type='json'))\ndefine stream Out (name string, amount double);",
      description: 'Sends JSON events to the `tcp` source with context SweetStream.',
    },
  ],
};

class TcpSink implements Sink {
  private socket: Socket | undefined;
  private readonly host: string;
  private readonly port: number;
  private readonly context: string;
  private readonly session = randomUUID();
  constructor(private readonly ctx: SinkContext) {
    const u = new URL(ctx.options.get('url') ?? '');
    if (u.protocol !== 'tcp:') throw new Error(`tcp sink url '${u.href}' must be tcp://host:port/context`);
    this.host = u.hostname;
    this.port = Number(u.port || 9892);
    this.context = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (this.context === '') throw new Error(`tcp sink url '${u.href}' needs a context path`);
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('url');
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port });
      s.once('connect', () => {
        s.setNoDelay(this.ctx.options.bool('tcp.no.delay', true));
        s.setKeepAlive(this.ctx.options.bool('keep.alive', true));
        this.socket = s;
        s.on('close', () => {
          if (this.socket === s) {
            this.socket = undefined;
            this.ctx.connectionLost(new Error(`tcp://${this.host}:${this.port} closed the connection`));
          }
        });
        resolve();
      });
      s.on('error', (e) => {
        if (this.socket !== s)
          reject(new ConnectionUnavailableError(`tcp://${this.host}:${this.port}: ${e.message}`, { cause: e }));
      });
    });
  }

  publish(payload: unknown): Promise<void> {
    const s = this.socket;
    if (!s || s.destroyed)
      return Promise.reject(new ConnectionUnavailableError(`not connected to tcp://${this.host}:${this.port}`));
    const message =
      typeof payload === 'string'
        ? Buffer.from(payload, 'utf8')
        : payload instanceof Uint8Array
          ? Buffer.from(payload)
          : Buffer.from(JSON.stringify(payload), 'utf8');
    return new Promise((resolve, reject) =>
      s.write(encodeFrame({ session: this.session, context: this.context, message }), (e) =>
        e ? reject(new ConnectionUnavailableError(e.message, { cause: e })) : resolve(),
      ),
    );
  }

  disconnect(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.destroyed) return Promise.resolve();
    return new Promise((resolve) => s.end(() => resolve()));
  }
}

export const tcpSink: SinkFactory = { spec, create: (ctx) => new TcpSink(ctx) };
