/**
 * `@source(type='file', file.uri='file:///in.txt' | dir.uri='file:///in', mode='TEXT.FULL', ...)`: reads
 * files as messages. TEXT.FULL / BINARY.FULL deliver a whole file, BINARY.CHUNKED a file in pieces of
 * `buffer.size` bytes, LINE one message per line, REGEX one per `begin.regex`...`end.regex` record. LINE and
 * REGEX on a `file.uri` tail the file by default (new lines are read as they are appended). Whole files, and
 * every file of a `dir.uri`, are then deleted or moved (`action.after.process`). Polls every
 * `file.polling.interval` / `dir.polling.interval` milliseconds, on the context's poll scheduler.
 */
import { StringDecoder } from 'node:string_decoder';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import type { TimerHandle } from '../../../engine/time/scheduler.js';
import { holdProcessOpen } from '../../framework/keep-alive.js';
import { FILE_MODES, readChunks, readFrom, RecordSplitter, type FileMode } from './file-reader.js';
import { pathOf } from './file-path.js';

const ACTIONS = ['DELETE', 'MOVE', 'KEEP'] as const;
type Action = (typeof ACTIONS)[number];

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'file',
  description:
    'Reads events from a file (`file.uri`) or from every file put into a directory (`dir.uri`): whole files, lines or regex-delimited records, optionally tailing a file for appended lines.',
  parameters: [],
  options: [
    { name: 'file.uri', type: ['string'], optional: true, description: 'The file to read (file:///path or a path).' },
    {
      name: 'dir.uri',
      type: ['string'],
      optional: true,
      description: 'The directory whose files are read, in name order.',
    },
    {
      name: 'mode',
      type: ['string'],
      optional: true,
      defaultValue: 'TEXT.FULL',
      description:
        'TEXT.FULL (a file is one message), BINARY.FULL (a file is one message of bytes), BINARY.CHUNKED (a file is a message of bytes per `buffer.size` bytes, with the transport properties `file.name`, `content.length` (the whole file), `sequence.number` (from 1) and `eof`), LINE or REGEX (with neither begin.regex nor end.regex, REGEX reads lines).',
    },
    {
      name: 'tailing',
      type: ['bool'],
      optional: true,
      defaultValue: 'true for LINE and REGEX, else false',
      description:
        'LINE and REGEX with file.uri: keep reading lines appended to the file. It cannot be true in the other modes.',
    },
    {
      name: 'buffer.size',
      type: ['int'],
      optional: true,
      defaultValue: '65536',
      description: 'BINARY.CHUNKED: the bytes of each message (the last of a file may have fewer).',
    },
    {
      name: 'action.after.process',
      type: ['string'],
      optional: true,
      defaultValue: 'DELETE',
      description: 'What happens to a file once read (not tailed): DELETE, MOVE (to move.after.process) or KEEP.',
    },
    {
      name: 'move.after.process',
      type: ['string'],
      optional: true,
      description: 'With MOVE: the directory (or, for file.uri, the file) processed files go to.',
    },
    { name: 'begin.regex', type: ['string'], optional: true, description: 'REGEX mode: where a record begins.' },
    { name: 'end.regex', type: ['string'], optional: true, description: 'REGEX mode: where a record ends.' },
    {
      name: 'file.polling.interval',
      type: ['long'],
      optional: true,
      defaultValue: '1000',
      description: 'Milliseconds between checks of a tailed file (or a file.uri not yet there).',
    },
    {
      name: 'dir.polling.interval',
      type: ['long'],
      optional: true,
      defaultValue: '1000',
      description: 'Milliseconds between checks of dir.uri for new files.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='file', file.uri='file:///var/log/sweets.csv', mode='LINE', tailing='true', @map(type='csv'))\ndefine stream SweetStream (name string, amount double);",
      description: 'Each line of the file (and each line appended later) is one event.',
    },
    {
      syntax:
        "@source(type='file', dir.uri='file:///in', action.after.process='MOVE', move.after.process='file:///done', @map(type='json'))\ndefine stream S (name string, amount double);",
      description: 'Each JSON file dropped into /in is read and then moved to /done.',
    },
    {
      syntax:
        "@source(type='file', mode='binary.chunked', dir.uri='file:///in', buffer.size='4096', @map(type='binaryPassThrough', @attributes(buffer='0', eof='trp:eof', fileName='trp:file.name', sequenceNumber='trp:sequence.number', length='trp:content.length')))\ndefine stream Chunks (buffer object, eof bool, fileName string, sequenceNumber int, length int);",
      description:
        'Each file dropped into /in arrives as events of up to 4096 bytes, numbered from 1, the last with eof true.',
    },
  ],
};

class FileSource implements Source {
  private readonly file: string | undefined;
  private readonly dir: string | undefined;
  private readonly mode: FileMode;
  private readonly tailing: boolean;
  private readonly action: Action;
  private readonly moveTo: string | undefined;
  private readonly begin: RegExp | undefined;
  private readonly end: RegExp | undefined;
  private readonly interval: number;
  private readonly chunkSize: number;
  private timer: TimerHandle | undefined;
  /** Holds the process open while connected: the scheduler's timers do not. */
  private release: (() => void) | undefined;
  private running = false;
  private paused = false;
  private busy = false;
  private offset = 0;
  private decoder = new StringDecoder('utf8');
  private splitter: RecordSplitter | undefined;
  private done = false;
  private readonly kept = new Set<string>();

  constructor(private readonly ctx: SourceContext) {
    const o = ctx.options;
    const file = o.get('file.uri');
    const dir = o.get('dir.uri');
    if ((file === undefined) === (dir === undefined))
      throw new Error("file source needs exactly one of 'file.uri' and 'dir.uri'");
    this.file = file === undefined ? undefined : pathOf(file, 'file.uri');
    this.dir = dir === undefined ? undefined : pathOf(dir, 'dir.uri');
    const mode = o.getOr('mode', 'TEXT.FULL').toUpperCase();
    const named = FILE_MODES.find((x) => x === mode);
    if (!named) throw new Error(`file source mode '${mode}' is not one of ${FILE_MODES.join(', ')}`);
    const b = o.get('begin.regex');
    const e = o.get('end.regex');
    this.begin = b === undefined ? undefined : new RegExp(b);
    this.end = e === undefined ? undefined : new RegExp(e);
    // As siddhi-io-file: REGEX with neither begin.regex nor end.regex reads lines.
    const m = named === 'REGEX' && !this.begin && !this.end ? 'LINE' : named;
    this.mode = m;
    const lines = m === 'LINE' || m === 'REGEX';
    // As siddhi-io-file: tailing is on by default for LINE and REGEX, and cannot be on in the other modes.
    const tailing = o.bool('tailing', lines);
    if (tailing && !lines)
      throw new Error(`tailing cannot be enabled in '${named}' mode: remove tailing='true' or read with mode='LINE'`);
    if (named.startsWith('BINARY') && this.begin && this.end)
      throw new Error(`'begin.regex' and 'end.regex' can only be given in 'REGEX' mode, not in '${named}'`);
    this.tailing = this.file !== undefined && tailing;
    this.chunkSize = o.number('buffer.size', 65536);
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < 1)
      throw new Error(`option 'buffer.size' must be a whole number of bytes above 0, not '${o.get('buffer.size')}'`);
    const action = o.getOr('action.after.process', 'DELETE').toUpperCase();
    const a = ACTIONS.find((x) => x === action);
    if (!a) throw new Error(`action.after.process '${action}' is not one of ${ACTIONS.join(', ')}`);
    this.action = a;
    const move = o.get('move.after.process');
    this.moveTo = move === undefined ? undefined : pathOf(move, 'move.after.process');
    if (a === 'MOVE' && this.moveTo === undefined)
      throw new Error("action.after.process='MOVE' needs move.after.process");
    this.interval = Math.max(1, o.number(this.dir ? 'dir.polling.interval' : 'file.polling.interval', 1000));
  }

  get endpoint(): string {
    return `file://${this.file ?? this.dir}`;
  }

  async connect(): Promise<void> {
    const target = (this.file ?? this.dir)!;
    try {
      const s = await stat(target);
      if (this.dir && !s.isDirectory()) throw new Error(`${target} is not a directory`);
    } catch (e) {
      throw new ConnectionUnavailableError(`cannot read ${target}: ${errorMessage(e)}`, { cause: e });
    }
    this.running = true;
    this.release ??= holdProcessOpen();
    void this.poll();
  }

  disconnect(): void {
    this.running = false;
    this.cancelTimer();
    this.release?.();
    this.release = undefined;
  }

  private cancelTimer(): void {
    if (this.timer) this.ctx.scheduler.cancel(this.timer);
    this.timer = undefined;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.running && !this.busy) {
      this.cancelTimer();
      void this.poll();
    }
  }

  private schedule(ms: number): void {
    if (!this.running || this.done) return;
    this.cancelTimer();
    const scheduler = this.ctx.scheduler;
    this.timer = scheduler.schedule(scheduler.now() + ms, () => {
      this.timer = undefined;
      void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    if (this.paused || this.busy || !this.running) return;
    this.busy = true;
    try {
      if (this.dir) await this.pollDir(this.dir);
      else if (this.tailing) await this.tail(this.file!);
      else {
        await this.processWhole(this.file!);
        this.done = true;
      }
    } catch (e) {
      this.ctx.reportError(`reading ${this.file ?? this.dir} failed: ${errorMessage(e)}`);
    } finally {
      this.busy = false;
    }
    this.schedule(this.interval);
  }

  private async pollDir(dir: string): Promise<void> {
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile() && !this.kept.has(d.name))
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      if (!this.running || this.paused) return;
      await this.processWhole(join(dir, name));
    }
  }

  private deliver(payload: unknown, path: string, more: readonly [string, string][] = []): void {
    this.ctx.deliver(payload, new Map<string, unknown>([['file.path', path], ['file.name', basename(path)], ...more]));
  }

  private async processWhole(path: string): Promise<void> {
    if (this.mode === 'BINARY.CHUNKED') {
      await readChunks(path, this.chunkSize, (c) =>
        this.deliver(c.bytes, path, [
          ['content.length', String(c.fileSize)],
          ['sequence.number', String(c.sequence)],
          ['eof', String(c.last)],
        ]),
      );
      await this.afterProcess(path);
      return;
    }
    const bytes = await readFile(path);
    if (this.mode === 'BINARY.FULL') this.deliver(bytes, path);
    else if (this.mode === 'TEXT.FULL') this.deliver(bytes.toString('utf8'), path);
    else {
      const splitter = new RecordSplitter(this.mode, this.begin, this.end);
      for (const r of [...splitter.push(bytes.toString('utf8')), ...splitter.finish()]) this.deliver(r, path);
    }
    await this.afterProcess(path);
  }

  private async afterProcess(path: string): Promise<void> {
    if (this.action === 'DELETE') await unlink(path);
    else if (this.action === 'KEEP') this.kept.add(basename(path));
    else {
      let target = this.moveTo!;
      const isDir =
        this.dir !== undefined || target.endsWith('/') || (await stat(target).catch(() => undefined))?.isDirectory();
      if (isDir) {
        await mkdir(target, { recursive: true });
        target = join(target, basename(path));
      }
      await rename(path, target);
    }
  }

  private async tail(path: string): Promise<void> {
    this.splitter ??= new RecordSplitter(this.mode as 'LINE' | 'REGEX', this.begin, this.end);
    for (;;) {
      const before = this.offset;
      const { bytes, offset } = await readFrom(path, this.offset);
      if (offset < before || (offset === 0 && before > 0)) {
        // The file was truncated or replaced: start again with a fresh decoder and splitter.
        this.decoder = new StringDecoder('utf8');
        this.splitter = new RecordSplitter(this.mode as 'LINE' | 'REGEX', this.begin, this.end);
      }
      this.offset = offset;
      if (bytes.length === 0) return;
      for (const r of this.splitter.push(this.decoder.write(bytes))) {
        this.deliver(r, path);
        if (!this.running) return;
      }
      if (this.paused) return;
    }
  }
}

export const fileSource: SourceFactory = { spec, create: (ctx) => new FileSource(ctx) };
