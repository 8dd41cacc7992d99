/**
 * Persisted app state as files: `<dir>/<app>/<sequence>__<revision>.snapshot`, written atomically
 * (temporary file, then rename); the newest `keep` revisions of each app are kept (with the older
 * revisions an incremental one builds on).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncPersistenceStore } from '../../engine/persistence/persistence-store.js';
import { revisionsToPrune } from '../../engine/persistence/revision-id.js';

const SUFFIX = '.snapshot';

export class FilePersistenceStore implements SyncPersistenceStore {
  constructor(
    private readonly dir: string,
    private readonly keep = 3,
  ) {}

  save(app: string, revision: string, bytes: Uint8Array): void {
    const dir = this.appDir(app);
    mkdirSync(dir, { recursive: true });
    const files = this.files(app).filter((f) => f.revision !== revision);
    const seq = files.length > 0 ? files[files.length - 1]!.seq + 1 : 1;
    const name = `${String(seq).padStart(12, '0')}__${encodeURIComponent(revision)}${SUFFIX}`;
    const tmp = join(dir, `.${name}.tmp`);
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(dir, name));
    const all = this.files(app);
    const drop = new Set(
      revisionsToPrune(
        all.map((f) => f.revision),
        this.keep,
      ),
    );
    for (const f of all) if (drop.has(f.revision)) rmSync(join(dir, f.file), { force: true });
  }

  load(app: string, revision: string): Uint8Array | undefined {
    const f = this.files(app).find((x) => x.revision === revision);
    return f ? new Uint8Array(readFileSync(join(this.appDir(app), f.file))) : undefined;
  }

  lastRevision(app: string): string | undefined {
    const r = this.revisions(app);
    return r[r.length - 1];
  }

  revisions(app: string): string[] {
    return this.files(app).map((f) => f.revision);
  }

  clear(app: string): void {
    rmSync(this.appDir(app), { recursive: true, force: true });
  }

  private appDir(app: string): string {
    return join(this.dir, encodeURIComponent(app));
  }

  private files(app: string): { file: string; seq: number; revision: string }[] {
    let names: string[];
    try {
      names = readdirSync(this.appDir(app));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(SUFFIX) && !n.startsWith('.'))
      .map((file) => {
        const [seq, rest] = file.slice(0, -SUFFIX.length).split('__', 2) as [string, string];
        return { file, seq: Number(seq), revision: decodeURIComponent(rest ?? '') };
      })
      .sort((a, b) => a.seq - b.seq);
  }
}
