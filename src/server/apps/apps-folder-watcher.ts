/** Watches the apps folder (fs.watch) and re-syncs a `.siddhi` file shortly after it changes. */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export class AppsFolderWatcher {
  private watcher: FSWatcher | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly dir: string,
    private readonly onChange: (file: string) => void,
    private readonly debounceMs = 100,
  ) {}

  start(): void {
    this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
      if (!name || !name.toString().endsWith('.siddhi')) return;
      const file = join(this.dir, name.toString());
      clearTimeout(this.pending.get(file));
      this.pending.set(
        file,
        setTimeout(() => {
          this.pending.delete(file);
          this.onChange(file);
        }, this.debounceMs),
      );
    });
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
