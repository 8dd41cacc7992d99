/**
 * `@source(type='fileeventlistener', dir.uri='file:///in', file.name.list='a.txt,b', monitoring.interval='100')`
 * (siddhi-io-file's FileHandler): an event `[filepath, filename, status]` for each file or folder under the
 * directory that is created, changed or removed. Status is `created`, `removed`, or, a second after a change
 * was seen, `modifying` (it changed again within that second) or `modifyingCompleted`.
 * On connect, each entry directly in the directory not announced before is `created`, and each announced one
 * now gone is `removed`; the announced entries are part of the app's snapshots. Then the whole tree is
 * compared with the previous look every `monitoring.interval` milliseconds, on the context's poll scheduler.
 * Unlike siddhi-io-file, which refuses to create an app whose directory or listed files do not exist, a
 * missing directory is waited for (connect is retried with backoff, as the file source waits for its file),
 * and listed files are reported whenever they exist.
 */
import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { PollTimer } from '../../framework/poll-timer.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { diffTrees, entryStat, scanTree, type TreeChange, type TreeEntry } from './directory-tree.js';
import { pathOf } from './file-path.js';

/** How long after seeing a change the listener looks again, to tell `modifying` from `modifyingCompleted`. */
const SETTLE_MS = 1000;

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'fileeventlistener',
  description:
    "Reports files and folders created, changed or removed under a local directory, as events of (filepath string, filename string, status string). Status is 'created', 'removed', or, a second after a change is seen, 'modifying' (it changed again within that second) or 'modifyingCompleted'. On start, each entry directly in the directory that was not reported before is reported 'created'.",
  parameters: [],
  options: [
    {
      name: 'dir.uri',
      type: ['string'],
      optional: false,
      description:
        'The directory to watch (file:///path or a path). Until it exists, connecting is retried with backoff.',
    },
    {
      name: 'file.name.list',
      type: ['string'],
      optional: true,
      defaultValue: 'every entry of the directory',
      description:
        'Comma-separated names of files or folders in the directory to report on (a folder: everything under it).',
    },
    {
      name: 'monitoring.interval',
      type: ['long'],
      optional: true,
      defaultValue: '100',
      description: 'Milliseconds between looks at the directory.',
    },
    {
      name: 'file.system.options',
      type: ['string'],
      optional: true,
      description: "Accepted for siddhi-io-file's remote file systems; only local directories are watched.",
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='fileeventlistener', dir.uri='file:///var/sweet-factory-logs', file.name.list='test.txt')\ndefine stream FileListenerStream (filepath string, filename string, status string);",
      description:
        "Reports test.txt: ['/var/sweet-factory-logs/test.txt', 'test.txt', 'created'] at start, 'modifyingCompleted' a second after lines are added, and 'removed' when it is deleted.",
    },
    {
      syntax:
        "@source(type='fileeventlistener', dir.uri='file:///data/in', monitoring.interval='500')\ndefine stream FileListenerStream (filepath string, filename string, status string);",
      description: 'Reports everything under /data/in, looking every half second.',
    },
  ],
};

type Status = 'created' | 'modifying' | 'modifyingCompleted' | 'removed';

class FileEventListener implements Source {
  private readonly dir: string;
  /** The paths of file.name.list (a folder stands for everything under it too); undefined: report all. */
  private readonly wanted: readonly string[] | undefined;
  private readonly interval: number;
  /** Paths of the entries directly in the directory reported since the last disconnect, kept in snapshots. */
  private announced = new Set<string>();
  private tree: TreeEntry[] = [];
  /** The looks' timer; its runs end at disconnect, so work of an earlier connection stops. */
  private readonly timer: PollTimer;
  private paused = false;
  private busy = false;

  constructor(private readonly ctx: SourceContext) {
    this.timer = new PollTimer(ctx.scheduler);
    const o = ctx.options;
    const uri = o.get('dir.uri');
    if (uri === undefined || uri.trim() === '') throw new Error("fileeventlistener needs 'dir.uri'");
    this.dir = pathOf(uri, 'dir.uri').replace(/\/+$/, '') || '/';
    const names = o
      .getOr('file.name.list', '')
      .replace(/\s/g, '')
      .split(',')
      .filter((n) => n !== '');
    if (names.length > 0) this.wanted = names.map((n) => join(this.dir, n));
    this.interval = o.number('monitoring.interval', 100);
    if (!(this.interval > 0)) throw new Error(`option 'monitoring.interval' must be above 0, not '${this.interval}'`);
    ctx.keepState({
      snapshot: () => [...this.announced],
      restore: (state) => {
        this.announced = new Set(state as string[]);
      },
    });
  }

  get endpoint(): string {
    return `file://${this.dir}`;
  }

  async connect(): Promise<void> {
    const run = this.timer.run;
    try {
      if (!(await stat(this.dir)).isDirectory()) throw new Error('it is a file, not a folder');
    } catch (e) {
      throw new ConnectionUnavailableError(`cannot watch directory ${this.dir}: ${errorMessage(e)}`, { cause: e });
    }
    this.tree = await scanTree(this.dir);
    if (run !== this.timer.run) return;
    this.announceDirectory(this.tree);
    this.timer.start();
    this.schedule();
  }

  disconnect(): void {
    this.timer.stop();
    // As siddhi-io-file: after a reconnect, what is in the directory is announced again.
    this.announced.clear();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /**
   * The entries directly in the directory (`tree`, sorted by name): new ones are `created`, announced ones
   * now gone are `removed`.
   */
  private announceDirectory(tree: readonly TreeEntry[]): void {
    const present = new Set<string>();
    for (const { path, name } of tree) {
      present.add(path);
      if (this.announced.has(path)) continue;
      this.announced.add(path);
      this.emit(path, name, 'created');
    }
    for (const path of [...this.announced]) {
      if (present.has(path)) continue;
      this.announced.delete(path);
      this.emit(path, path.slice(path.lastIndexOf(sep) + 1), 'removed');
    }
  }

  private schedule(): void {
    this.timer.after(this.interval, () => void this.look());
  }

  /** One look at the tree: reports what changed since the last, then schedules the next look. */
  private async look(): Promise<void> {
    const run = this.timer.run;
    if (this.busy || !this.timer.running) return;
    if (this.paused) {
      this.schedule();
      return;
    }
    this.busy = true;
    try {
      const tree = await scanTree(this.dir);
      if (!this.timer.current(run)) return;
      const changes: TreeChange[] = [];
      diffTrees(this.tree, tree, changes);
      this.tree = tree;
      for (const c of changes) {
        await this.report(c, run);
        if (!this.timer.current(run)) return;
      }
    } catch (e) {
      this.ctx.reportError(`watching ${this.dir} failed: ${errorMessage(e)}`);
    } finally {
      this.busy = false;
    }
    this.schedule();
  }

  private async report(c: TreeChange, run: number): Promise<void> {
    const { path, name } = c.entry;
    if (c.kind === 'create') this.emit(path, name, 'created');
    else if (c.kind === 'delete') this.emit(path, name, 'removed');
    else {
      // As siddhi-io-file: look again a second later; changed again since means still being written.
      await this.timer.sleep(SETTLE_MS);
      if (!this.timer.current(run)) return;
      const later = await entryStat(path);
      this.emit(path, name, later && later.mtime > c.entry.mtime ? 'modifying' : 'modifyingCompleted');
    }
  }

  private emit(path: string, name: string, status: Status): void {
    if (this.wanted && !this.wanted.some((w) => path === w || path.startsWith(w + sep))) return;
    this.ctx.deliver([path, name, status]);
  }
}

export const fileEventListenerSource: SourceFactory = { spec, create: (ctx) => new FileEventListener(ctx) };
