/**
 * `@sink(type='file', file.uri='file:///out/{{symbol}}.txt', append='true', @map(...))`: writes each message
 * to a file (the path may hold `{{attr}}`), appending by default, one text message per line; messages of
 * bytes are written as they are. Writes to one file happen in order; parent directories are created.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { pathOf } from './file-path.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'file',
  description:
    'Writes each message (after the `@map` mapper) to a file, appending by default; the file path may depend on the event through `{{attr}}`.',
  parameters: [],
  options: [
    {
      name: 'file.uri',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: 'The file to write (file:///path or a path); may hold `{{attr}}`.',
    },
    {
      name: 'append',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'When false, each message replaces the content of the file.',
    },
    {
      name: 'add.line.separator',
      type: ['bool'],
      optional: true,
      defaultValue: 'true (false for csv, whose messages end with a new line)',
      description: 'Whether a new line is written after each text message (never after bytes).',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='file', file.uri='file:///tmp/sweets/{{name}}.csv', @map(type='csv'))\ndefine stream OutStream (name string, amount double);",
      description: 'Appends one CSV line per event to the file of its sweet.',
    },
  ],
};

class FileSink implements Sink {
  private readonly append: boolean;
  private readonly separator: string;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly created = new Set<string>();

  constructor(private readonly ctx: SinkContext) {
    this.append = ctx.options.bool('append', true);
    this.separator = ctx.options.bool('add.line.separator', ctx.mapType.toLowerCase() !== 'csv') ? '\n' : '';
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('file.uri');
  }

  connect(): void {}

  publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const path = pathOf(meta.option('file.uri') ?? '', 'file.uri');
    // Bytes (binary, avro, binaryPassThrough) are written as they are, without a line separator, as siddhi-io-file.
    const data =
      payload instanceof Uint8Array
        ? payload
        : (typeof payload === 'string' ? payload : JSON.stringify(payload)) + this.separator;
    const prev = this.chains.get(path) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (!this.created.has(path)) {
        await mkdir(dirname(path), { recursive: true });
        this.created.add(path);
      }
      if (this.append) await appendFile(path, data);
      else await writeFile(path, data);
    });
    const settled = next.catch(() => undefined);
    this.chains.set(path, settled);
    void settled.then(() => {
      if (this.chains.get(path) === settled) this.chains.delete(path);
    });
    return next;
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }
}

export const fileSink: SinkFactory = { spec, create: (ctx) => new FileSink(ctx) };
