/**
 * `@source(type='tcp', context='abc', host='0.0.0.0', port='9892')`: receives framed messages over TCP.
 * Sources on the same host and port share one server and are told apart by `context`. A client sending
 * bytes that are not frames is reported and disconnected.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { takesBytes } from '../../mappers/mapper.js';
import { FrameReader, type Frame } from './tcp-frame.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'tcp',
  description:
    'Receives messages over TCP (siddhi-io-tcp style frames); sources on one host and port share a server and are addressed by context.',
  parameters: [],
  options: [
    {
      name: 'context',
      type: ['string'],
      optional: true,
      defaultValue: '<app name>/<stream id>',
      description: 'The name clients address (the path of the sink url).',
    },
    { name: 'host', type: ['string'], optional: true, defaultValue: '0.0.0.0', description: 'Interface to listen on.' },
    {
      name: 'port',
      type: ['int'],
      optional: true,
      defaultValue: '9892',
      description: 'Port to listen on (0 picks a free one).',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='tcp', context='SweetStream', port='9892', @map(type='json'))\ndefine stream SweetStream (name string, amount double);",
      description: 'Takes JSON messages a `tcp` sink sends to tcp://host:9892/SweetStream.',
    },
  ],
};

type Handler = (frame: Frame) => void;

interface TcpListener {
  readonly server: Server;
  readonly contexts: Map<string, Handler>;
  readonly sockets: Set<Socket>;
  port: number;
  onError: (message: string) => void;
  /** Its key in the pool (none for a port the system picked). */
  readonly key: string | undefined;
}

/** Servers by host:port, held from the moment one starts listening so sources starting together share it. */
const pool = new Map<string, Promise<TcpListener>>();

function listen(host: string, port: number): Promise<TcpListener> {
  const key = `${host}:${port}`;
  const existing = port === 0 ? undefined : pool.get(key);
  if (existing) return existing;
  const started = startListener(host, port);
  if (port !== 0) {
    pool.set(key, started);
    started.catch(() => {
      if (pool.get(key) === started) pool.delete(key);
    });
  }
  return started;
}

async function startListener(host: string, port: number): Promise<TcpListener> {
  const contexts = new Map<string, Handler>();
  const sockets = new Set<Socket>();
  const l: TcpListener = {
    server: createServer(),
    contexts,
    sockets,
    port,
    onError: () => undefined,
    key: port === 0 ? undefined : `${host}:${port}`,
  };
  l.server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new FrameReader();
    socket.on('data', (bytes) => {
      let frames: Frame[];
      try {
        frames = reader.push(bytes);
      } catch (e) {
        l.onError(`a client sent bytes that are not frames (${(e as Error).message}); disconnected it`);
        socket.destroy();
        return;
      }
      for (const f of frames) {
        const h = contexts.get(f.context);
        if (h) h(f);
        else l.onError(`a message for unknown context '${f.context}' was dropped`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    l.server.once('error', reject);
    l.server.listen(port, host, () => {
      l.server.off('error', reject);
      resolve();
    });
  });
  l.port = (l.server.address() as AddressInfo).port;
  return l;
}

async function release(l: TcpListener, context: string): Promise<void> {
  l.contexts.delete(context);
  if (l.contexts.size > 0) return;
  if (l.key !== undefined) pool.delete(l.key);
  for (const s of l.sockets) s.destroy();
  await new Promise<void>((r) => l.server.close(() => r()));
}

class TcpSource implements Source {
  private listener: TcpListener | undefined;
  private readonly context: string;
  private readonly host: string;
  private readonly port: number;
  constructor(private readonly ctx: SourceContext) {
    this.context = ctx.options.getOr('context', `${ctx.appName}/${ctx.streamId}`);
    this.host = ctx.options.getOr('host', '0.0.0.0');
    this.port = ctx.options.number('port', 9892);
  }

  get endpoint(): string | undefined {
    return this.listener ? `tcp://${this.host}:${this.listener.port}/${this.context}` : undefined;
  }

  async connect(): Promise<void> {
    if (this.listener) return;
    const l = await listen(this.host, this.port);
    if (l.contexts.has(this.context))
      throw new Error(`another tcp source already takes context '${this.context}' on ${this.host}:${l.port}`);
    const passThrough = this.ctx.mapType.toLowerCase() === 'passthrough';
    const bytes = takesBytes(this.ctx.mapType);
    l.contexts.set(this.context, (f) => {
      const trp = new Map([['session', f.session]]);
      // As siddhi-io-tcp hands its mapper the message's bytes: binary and avro read them as they are.
      if (bytes) {
        this.ctx.deliver(f.message, trp);
        return;
      }
      const text = f.message.toString('utf8');
      let payload: unknown = text;
      if (passThrough) {
        try {
          payload = JSON.parse(text) as unknown;
        } catch {
          payload = text;
        }
      }
      this.ctx.deliver(payload, trp);
    });
    l.onError = (m) => this.ctx.reportError(m);
    this.listener = l;
  }

  async disconnect(): Promise<void> {
    const l = this.listener;
    this.listener = undefined;
    if (l) await release(l, this.context);
  }
}

export const tcpSource: SourceFactory = { spec, create: (ctx) => new TcpSource(ctx) };
