/**
 * `@source(type='file', file.uri='file:///in.txt' | dir.uri='file:///in', mode='TEXT.FULL', ...)`: reads
 * files as messages. TEXT.FULL / BINARY.FULL deliver a whole file, BINARY.CHUNKED a file in pieces of
 * `buffer.size` bytes, LINE one message per line (optionally without a header or trailer, or only them),
 * REGEX one per `begin.regex`...`end.regex` record. LINE and REGEX on a `file.uri` tail the file by default
 * (new lines are read as they are appended). Whole files, and every file of a `dir.uri`, are then deleted,
 * moved or kept (`action.after.process`; `action.after.failure` for a file that could not be read or moved).
 * Polls every `file.polling.interval` / `dir.polling.interval` milliseconds, or reads when `cron.expression`
 * fires, on the context's poll scheduler. Kept files and the tail position are part of the app's snapshots.
 */
import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { access, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { nextCronTime } from '../../../engine/time/cron.js';
import { PollTimer } from '../../framework/poll-timer.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { readChunks, readFrom, RecordSplitter } from './file-reader.js';
import { readFileSourceConfig, type AfterAction, type FileSourceConfig } from './file-source-config.js';
import { fileSourceSpec } from './file-source-spec.js';
import { selectLines } from './line-selection.js';

/** What a file source keeps in the app's snapshots. */
interface FileSourceState {
  /** Files read and kept (action.after.process KEEP), or kept after a failure: not read again. */
  readonly kept: string[];
  /** How far the tailed file has been read, in bytes. */
  readonly offset: number;
}

class FileSource implements Source {
  private readonly cfg: FileSourceConfig;
  private readonly timer: PollTimer;
  private paused = false;
  private busy = false;
  private offset = 0;
  private decoder = new StringDecoder('utf8');
  private splitter: RecordSplitter | undefined;
  /** Header lines of the tailed file still to skip. */
  private headerLeft: number;
  private done = false;
  private kept = new Set<string>();

  constructor(private readonly ctx: SourceContext) {
    this.cfg = readFileSourceConfig(ctx.options);
    this.timer = new PollTimer(ctx.scheduler);
    this.headerLeft = this.cfg.lines.headerLines;
    ctx.keepState({
      snapshot: (): FileSourceState => ({ kept: [...this.kept], offset: this.offset }),
      restore: (state) => {
        const s = state as FileSourceState;
        this.kept = new Set(s.kept);
        this.offset = s.offset;
        // Lines go on from the restored position: the header, if any, was before it.
        if (s.offset > 0) this.headerLeft = 0;
      },
    });
  }

  get endpoint(): string {
    return `file://${this.cfg.file ?? this.cfg.dir}`;
  }

  async connect(): Promise<void> {
    const target = (this.cfg.file ?? this.cfg.dir)!;
    try {
      const s = await stat(target);
      if (this.cfg.dir && !s.isDirectory()) throw new Error(`${target} is not a directory`);
    } catch (e) {
      throw new ConnectionUnavailableError(`cannot read ${target}: ${errorMessage(e)}`, { cause: e });
    }
    this.timer.start();
    if (this.cfg.cron) this.schedule();
    else void this.poll();
  }

  disconnect(): void {
    this.timer.stop();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.timer.running && !this.busy && !this.cfg.cron) {
      this.timer.cancel();
      void this.poll();
    }
  }

  /** The next poll: after the polling interval, or when the cron expression next fires. */
  private schedule(): void {
    if (this.done) return;
    const now = this.timer.now();
    this.timer.at(
      this.cfg.cron ? nextCronTime(this.cfg.cron, now) : now + this.cfg.pollInterval,
      () => void this.poll(),
    );
  }

  private async poll(): Promise<void> {
    if (this.paused || this.busy || !this.timer.running) return;
    this.busy = true;
    try {
      if (this.cfg.dir) await this.pollDir(this.cfg.dir);
      else if (this.cfg.tailing) await this.tail(this.cfg.file!);
      else if (!this.kept.has(this.cfg.file!) && (await exists(this.cfg.file!))) {
        await this.processWhole(this.cfg.file!);
        // Read once, unless a cron expression reads it again whenever it fires.
        if (!this.cfg.cron) this.done = true;
      }
    } catch (e) {
      this.ctx.reportError(`reading ${this.cfg.file ?? this.cfg.dir} failed: ${errorMessage(e)}`);
    } finally {
      this.busy = false;
    }
    this.schedule();
  }

  private async pollDir(dir: string): Promise<void> {
    const pattern = this.cfg.namePattern;
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile() && !this.kept.has(join(dir, d.name)) && (!pattern || pattern.test(d.name)))
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      if (!this.timer.running || this.paused) return;
      await this.processWhole(join(dir, name));
    }
  }

  private deliver(payload: unknown, path: string, more: readonly [string, string][] = []): void {
    this.ctx.deliver(payload, new Map<string, unknown>([['file.path', path], ['file.name', basename(path)], ...more]));
  }

  /** Reads a whole file, then deletes, moves or keeps it; a failure is reported and action.after.failure taken. */
  private async processWhole(path: string): Promise<void> {
    try {
      await this.readWhole(path);
      await this.after(path, this.cfg.afterProcess, this.cfg.moveAfterProcess);
    } catch (e) {
      this.ctx.reportError(
        `reading ${path} failed: ${errorMessage(e)}; action.after.failure is ${this.cfg.afterFailure}`,
      );
      await this.after(path, this.cfg.afterFailure, this.cfg.moveAfterFailure).catch((e2: unknown) => {
        this.kept.add(path);
        this.ctx.reportError(
          `${path}: action.after.failure ${this.cfg.afterFailure} failed too, so it is kept: ${errorMessage(e2)}`,
        );
      });
    }
  }

  private async readWhole(path: string): Promise<void> {
    const mode = this.cfg.mode;
    if (mode === 'BINARY.CHUNKED') {
      await readChunks(path, this.cfg.chunkSize, (c) =>
        this.deliver(c.bytes, path, [
          ['content.length', String(c.fileSize)],
          ['sequence.number', String(c.sequence)],
          ['eof', String(c.last)],
        ]),
      );
      return;
    }
    const bytes = await readFile(path);
    if (mode === 'BINARY.FULL') this.deliver(bytes, path, [['eof', 'true']]);
    else if (mode === 'TEXT.FULL') this.deliver(bytes.toString('utf8'), path, [['eof', 'true']]);
    else {
      const splitter = new RecordSplitter(mode, this.cfg.begin, this.cfg.end);
      const records = [...splitter.push(bytes.toString('utf8')), ...splitter.finish()];
      const selected =
        mode === 'LINE'
          ? selectLines(records, this.cfg.lines)
          : records.map((line, i) => ({ line, eof: i === records.length - 1 }));
      for (const r of selected) this.deliver(r.line, path, [['eof', String(r.eof)]]);
    }
  }

  private async after(path: string, action: AfterAction, moveTo: string | undefined): Promise<void> {
    if (action === 'DELETE') await unlink(path);
    else if (action === 'KEEP') this.kept.add(path);
    else {
      let target = moveTo!;
      const isDir =
        this.cfg.dir !== undefined ||
        target.endsWith('/') ||
        (await stat(target).catch(() => undefined))?.isDirectory();
      if (isDir) {
        await mkdir(target, { recursive: true });
        target = join(target, basename(path));
      }
      if (await exists(target)) {
        // As siddhi-io-file: an existing target is replaced or kept beside only when move.if.exist.mode says so.
        if (this.cfg.moveIfExists === 'KEEP') target = `${target}_${randomUUID()}`;
        else if (this.cfg.moveIfExists !== 'OVERWRITE')
          throw new Error(`${target} exists already; set move.if.exist.mode to OVERWRITE or KEEP`);
      }
      await rename(path, target);
    }
  }

  private async tail(path: string): Promise<void> {
    this.splitter ??= new RecordSplitter(this.cfg.mode as 'LINE' | 'REGEX', this.cfg.begin, this.cfg.end);
    for (;;) {
      const before = this.offset;
      const { bytes, offset } = await readFrom(path, this.offset);
      if (offset < before || (offset === 0 && before > 0)) {
        // The file was truncated or replaced: start again with a fresh decoder and splitter.
        this.decoder = new StringDecoder('utf8');
        this.splitter = new RecordSplitter(this.cfg.mode as 'LINE' | 'REGEX', this.cfg.begin, this.cfg.end);
        this.headerLeft = this.cfg.lines.headerLines;
      }
      this.offset = offset;
      if (bytes.length === 0) return;
      for (const r of this.splitter.push(this.decoder.write(bytes))) {
        if (this.headerLeft > 0) {
          this.headerLeft--;
          continue;
        }
        this.deliver(r, path, [['eof', 'false']]);
        if (!this.timer.running) return;
      }
      if (this.paused) return;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const fileSource: SourceFactory = { spec: fileSourceSpec, create: (ctx) => new FileSource(ctx) };
