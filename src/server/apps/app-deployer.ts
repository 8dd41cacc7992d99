/**
 * Deploys, updates and removes apps. Apps deployed over REST are saved as `<appsDir>/<name>.siddhi`
 * so a restarted server finds them; a new app restores its last persisted revision; an update keeps
 * the state of unchanged elements (the old runtime's snapshot is restored into the new one).
 * Changes run one at a time.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import type { SiddhiManager } from '../../engine/siddhi-manager.js';
import { SiddhiAppCreationError } from '../../lang/errors.js';
import type { ServerLogger } from '../logging/create-logger.js';
import { AppExistsError, AppNotFoundError, AppStartError } from './app-errors.js';
import { appNameOf } from './app-name.js';
import { DeployedApp } from './deployed-app.js';

export interface InactiveApp {
  readonly name: string;
  readonly text: string;
  readonly file: string;
  readonly errors: readonly { readonly line: number; readonly column: number; readonly message: string }[];
}

export interface DeployerOptions {
  readonly manager: SiddhiManager;
  readonly logger: ServerLogger;
  readonly appsDir: string;
  readonly statistics: boolean;
  /** Whether a persistence store is configured (restore at deploy, backup, periodic persist). */
  readonly persistence: boolean;
  /** Called with each new runtime before any state is restored into it (to add server-kept state). */
  readonly prepare?: (runtime: SiddhiAppRuntime) => void;
}

export class AppDeployer {
  private readonly active = new Map<string, DeployedApp>();
  private readonly inactive = new Map<string, InactiveApp>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: DeployerOptions) {}

  get(name: string): DeployedApp | undefined {
    return this.active.get(name);
  }

  getInactive(name: string): InactiveApp | undefined {
    return this.inactive.get(name);
  }

  activeApps(): DeployedApp[] {
    return [...this.active.values()];
  }

  inactiveApps(): InactiveApp[] {
    return [...this.inactive.values()];
  }

  /** Deploys a new app (REST POST); throws `AppExistsError` or `SiddhiAppCreationError`. */
  deploy(text: string): Promise<DeployedApp> {
    return this.serial(async () => {
      const name = appNameOf(text);
      if (name !== undefined && this.active.has(name)) throw new AppExistsError(name);
      const app = await this.create(text, name !== undefined ? this.fileFor(name) : undefined, true);
      this.save(app);
      return app;
    });
  }

  /** Updates an app keeping its state, or deploys it when new (REST PUT). */
  put(text: string): Promise<{ app: DeployedApp; created: boolean }> {
    return this.serial(() => this.upsert(text, undefined));
  }

  /** Removes an app: shuts it down and deletes its file (its persisted revisions stay). */
  remove(name: string): Promise<void> {
    return this.serial(async () => {
      const app = this.active.get(name);
      const inactive = this.inactive.get(name);
      if (!app && !inactive) throw new AppNotFoundError(name);
      this.inactive.delete(name);
      const file = app?.file ?? inactive?.file;
      if (app) await this.stop(app);
      if (file) rmSync(file, { force: true });
      this.opts.logger.info({ app: name }, 'app removed');
    });
  }

  /** Deploys every `*.siddhi` of the apps folder, restoring each app's last revision. */
  async deployFolder(): Promise<void> {
    mkdirSync(this.opts.appsDir, { recursive: true });
    const files = readdirSync(this.opts.appsDir)
      .filter((f) => f.endsWith('.siddhi'))
      .sort();
    for (const f of files) await this.syncFile(join(this.opts.appsDir, f));
  }

  /** Brings the app of one file in line with the file: deploy, update, or remove when it is gone. */
  syncFile(file: string): Promise<void> {
    return this.serial(async () => {
      const fromFile = this.activeApps().find((a) => a.file === file);
      if (!existsSync(file)) {
        for (const [n, i] of this.inactive) if (i.file === file) this.inactive.delete(n);
        if (fromFile) {
          await this.stop(fromFile);
          this.opts.logger.info({ app: fromFile.name, file }, 'app file removed; app undeployed');
        }
        return;
      }
      const text = readFileSync(file, 'utf8');
      if (fromFile?.text === text) return;
      if ([...this.inactive.values()].some((i) => i.file === file && i.text === text)) return;
      try {
        const { app } = await this.upsert(text, file);
        for (const [n, i] of this.inactive) if (i.file === file) this.inactive.delete(n);
        if (fromFile && fromFile.name !== app.name) await this.stop(fromFile);
      } catch (e) {
        const errors =
          e instanceof SiddhiAppCreationError ? e.diagnostics : [{ line: 1, column: 1, message: String(e) }];
        let name = basename(file, '.siddhi');
        try {
          name = appNameOf(text) ?? name;
        } catch {
          // keep the file's name
        }
        if (!this.active.has(name)) {
          this.inactive.set(name, {
            name,
            text,
            file,
            errors: errors.map((d) => ({ line: d.line, column: d.column, message: d.message })),
          });
        }
        this.opts.logger.error(
          { app: name, file, errors: errors.map((d) => `${d.line}:${d.column} ${d.message}`) },
          'app file could not be deployed',
        );
      }
    });
  }

  /** Shuts every app down (persisting its state first when persistence is on). */
  async shutdownAll(persist: boolean): Promise<void> {
    await this.serial(async () => {
      for (const app of this.activeApps()) {
        await app.runtime.shutdown();
        if (persist) await this.persistApp(app);
        this.opts.manager.removeSiddhiAppRuntime(app.name);
      }
      this.active.clear();
    });
  }

  /** Persists every active app (after store-backed tables flushed); returns their revisions. */
  async persistAll(): Promise<Map<string, string>> {
    const revisions = new Map<string, string>();
    for (const app of this.activeApps()) {
      try {
        revisions.set(app.name, await app.runtime.persistAsync());
      } catch (e) {
        this.opts.logger.error({ app: app.name, err: e }, 'persisting the app state failed');
      }
    }
    return revisions;
  }

  async persistApp(app: DeployedApp): Promise<string | undefined> {
    try {
      return await app.runtime.persistAsync();
    } catch (e) {
      this.opts.logger.error({ app: app.name, err: e }, 'persisting the app state failed');
      return undefined;
    }
  }

  private async upsert(text: string, file: string | undefined): Promise<{ app: DeployedApp; created: boolean }> {
    const name = appNameOf(text);
    const old = name !== undefined ? this.active.get(name) : undefined;
    if (!old) {
      const app = await this.create(text, file ?? (name !== undefined ? this.fileFor(name) : undefined), true);
      if (!file) this.save(app);
      return { app, created: true };
    }
    if (old.text === text) return { app: old, created: false };
    const runtime = this.opts.manager.createSiddhiAppRuntime(text);
    this.opts.prepare?.(runtime);
    await old.runtime.shutdown();
    // Nothing runs between taking the old state and starting the new runtime.
    try {
      runtime.restore(old.runtime.snapshot());
    } catch (e) {
      this.opts.logger.warn({ app: old.name, err: e }, 'the state of the previous version could not be carried over');
    }
    // The new version keeps the old one's statistics switch (unless it declares @app:statistics itself).
    const app = await this.activate(runtime, file ?? old.file, old.statsEnabled);
    if (!file) this.save(app);
    this.opts.logger.info({ app: app.name }, 'app updated');
    return { app, created: false };
  }

  private async create(text: string, file: string | undefined, restore: boolean): Promise<DeployedApp> {
    const runtime = this.opts.manager.createSiddhiAppRuntime(text);
    this.opts.prepare?.(runtime);
    if (restore && this.opts.persistence) {
      try {
        const revision = await runtime.restoreLastRevisionAsync();
        if (revision !== undefined) this.opts.logger.info({ app: runtime.name, revision }, 'app state restored');
      } catch (e) {
        this.opts.logger.warn({ app: runtime.name, err: e }, 'the last persisted state could not be restored');
      }
    }
    const app = await this.activate(runtime, file, this.opts.statistics);
    this.opts.logger.info({ app: app.name, file }, 'app deployed');
    return app;
  }

  /** Starts the runtime (store-backed tables connect and load first) and makes it the app's active one. */
  private async activate(
    runtime: SiddhiAppRuntime,
    file: string | undefined,
    statistics: boolean,
  ): Promise<DeployedApp> {
    try {
      await runtime.startAsync();
    } catch (e) {
      this.opts.manager.removeSiddhiAppRuntime(runtime.name);
      throw new AppStartError(runtime.name, e);
    }
    const app = new DeployedApp(runtime, file, statistics);
    this.active.set(app.name, app);
    this.inactive.delete(app.name);
    return app;
  }

  private async stop(app: DeployedApp): Promise<void> {
    this.active.delete(app.name);
    this.opts.manager.removeSiddhiAppRuntime(app.name);
    await app.runtime.shutdown();
  }

  private fileFor(name: string): string {
    return join(this.opts.appsDir, `${name}.siddhi`);
  }

  /** Writes the app's file (the folder watcher sees the same text and leaves the app alone). */
  private save(app: DeployedApp): void {
    if (!app.file) return;
    mkdirSync(this.opts.appsDir, { recursive: true });
    writeFileSync(app.file, app.text);
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
