/**
 * Siddhi's `SiddhiManager`: creates app runtimes from SiddhiQL text, holds the extension registry
 * (built-ins plus user extensions) and the persistence store shared by its apps.
 */
import { checkApp } from '../lang/check/index.js';
import type { SiddhiApp } from '../lang/ast.js';
import { SiddhiAppCreationError, type Diagnostic } from '../lang/errors.js';
import { resolveIoRefs, type IoRefs } from '../lang/io-refs.js';
import {
  resolveDataSources,
  type DataSourceConfig,
  type DataSources,
  type ExtensionProperties,
} from '../lang/datasources.js';
import { parseSiddhiApp } from '../lang/parser/index.js';
import { sandboxApp } from '../lang/sandbox.js';
import { substituteVariables, type SubstitutedText } from '../lang/variables.js';
import { buildApp, type ErrorStoreHook } from './app/build-app.js';
export type { ErrorStoreHook } from './app/build-app.js';
import type { SiddhiAppRuntime } from './app/siddhi-app-runtime.js';
import { builtinRegistry } from './builtins.js';
import type { IncrementalPersistenceOptions } from './persistence/incremental-snapshots.js';
import { InMemoryPersistenceStore, type PersistenceStore } from './persistence/persistence-store.js';
import type { ExtensionRegistry } from './registry/registry.js';
import { jsonLogger, type Logger } from './runtime/logger.js';

export interface SiddhiManagerOptions {
  /** 'wall' (default): real time. 'virtual': time moves only through `runtime.manualClock` (tests, simulation). */
  readonly clock?: 'wall' | 'virtual';
  /** Start of the virtual clock, epoch ms (default: now). */
  readonly startTime?: number;
  readonly logger?: Logger;
  readonly persistenceStore?: PersistenceStore;
  /**
   * Persist incrementally: each revision holds only the stateful elements changed since the one
   * before, with a full (base) revision every `fullSnapshotEvery` increments (default 10).
   */
  readonly incrementalPersistence?: boolean | IncrementalPersistenceOptions;
  /** Skip the semantic checker (the builder still rejects what it cannot run). */
  readonly skipCheck?: boolean;
  /** Receives failed events of streams annotated `@OnError(action='STORE')`; without it they are logged. */
  readonly errorStore?: ErrorStoreHook;
  /**
   * The time zone of incremental aggregations (Siddhi's `aggTimeZone` config): hours, days, months and
   * years start at this zone's wall-clock hour, midnight, first of the month and of the year, and
   * AGG_TIMESTAMP values are those starts (epoch millis). An IANA id ('Asia/Singapore'), 'UTC' or a
   * fixed offset ('+05:30'); default UTC. An unknown zone fails the creation of apps that define an
   * aggregation. `within` strings without an offset are still read in UTC, as in Siddhi.
   */
  readonly aggregationTimeZone?: string;
  /**
   * Values of the `${NAME}` variables in app text (Siddhi's system properties); a name not given here is
   * read from the environment (`process.env`). A `${NAME}` with neither fails the app's creation.
   * `env:getEnvironmentProperty(key)` reads them too (Siddhi's `System.getProperty`).
   */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * Named source, sink, destination and store configurations (Siddhi's `refs`): `@sink(ref='name', ...)`
   * takes `type` and the options of `refs.name`, the elements written in the annotation winning. A `ref`
   * not listed here fails the app's creation.
   */
  readonly refs?: IoRefs;
  /**
   * Named database connections (WSO2 SI's datasources, Siddhi's `setDataSource`): what
   * `@store(type='rdbms', datasource='NAME')`, `jndi.resource`, a cdc source's `datasource.name` and
   * `#rdbms:query` / `#rdbms:cud` connect to. `setDataSource` adds to them; given to
   * `createSiddhiAppRuntime`, they are added to (and win over) the manager's. A name an app uses that is
   * not here fails the app's creation.
   */
  readonly datasources?: DataSources;
  /**
   * Extensions' system parameters by `namespace:name` (Siddhi's `siddhi.extensions` of deployment.yaml),
   * e.g. `{ 'rdbms:cud': { 'perform.CUD.operations': 'true' } }`.
   */
  readonly extensionProperties?: ExtensionProperties;
}

/** How `build` treats the app beyond the manager's options. */
interface BuildMode {
  /** Build the sandbox form: only inMemory sources and sinks, tables without `@store`. */
  readonly sandbox?: boolean;
}

/** Diagnostics of the substituted text, pointed back at the text as written. */
function written(e: unknown, sub: SubstitutedText): unknown {
  if (!(e instanceof SiddhiAppCreationError)) return e;
  return new SiddhiAppCreationError(e.diagnostics.map(sub.toWritten));
}

export class SiddhiManager {
  readonly registry: ExtensionRegistry;
  private readonly runtimes = new Map<string, SiddhiAppRuntime>();
  private persistence: PersistenceStore;
  private readonly logger: Logger;
  private readonly datasources: Record<string, DataSourceConfig>;

  constructor(private readonly options: SiddhiManagerOptions = {}) {
    this.registry = builtinRegistry().clone();
    this.datasources = { ...options.datasources };
    this.persistence = options.persistenceStore ?? new InMemoryPersistenceStore();
    this.logger = options.logger ?? jsonLogger();
  }

  setPersistenceStore(store: PersistenceStore): void {
    this.persistence = store;
  }

  /**
   * Names a database connection (Siddhi's `setDataSource`) for the apps created from now on:
   * `@store(type='rdbms', datasource='NAME')`, `jndi.resource` (by `config.jndiName`), a polling cdc
   * source's `datasource.name`, `#rdbms:query('NAME', ...)`. Replaces a datasource of the same name.
   */
  setDataSource(name: string, config: DataSourceConfig): void {
    if (name.trim() === '') throw new Error('setDataSource: the datasource needs a name');
    if (typeof config.url !== 'string' || config.url.trim() === '') {
      throw new Error(`setDataSource: datasource '${name}' needs a url, e.g. 'jdbc:postgresql://host:5432/db'`);
    }
    this.datasources[name] = config;
  }

  /** The manager's options with the per-app overrides, the datasources merged. */
  private effective(overrides: Partial<SiddhiManagerOptions>): SiddhiManagerOptions {
    return { ...this.options, ...overrides, datasources: { ...this.datasources, ...overrides.datasources } };
  }

  /** Parses, checks and builds an app; throws `SiddhiAppCreationError` with every problem and its position. */
  createSiddhiAppRuntime(text: string, overrides: Partial<SiddhiManagerOptions> = {}): SiddhiAppRuntime {
    const runtime = this.build(text, overrides);
    this.runtimes.set(runtime.name, runtime);
    return runtime;
  }

  /**
   * Siddhi's sandbox runtime: the app without its external connections, to try its logic in isolation.
   * Streams keep only their `inMemory` sources and sinks; tables lose `@store` and keep their rows in memory.
   */
  createSandboxSiddhiAppRuntime(text: string, overrides: Partial<SiddhiManagerOptions> = {}): SiddhiAppRuntime {
    const runtime = this.build(text, overrides, { sandbox: true });
    this.runtimes.set(runtime.name, runtime);
    return runtime;
  }

  private build(text: string, overrides: Partial<SiddhiManagerOptions>, mode: BuildMode = {}): SiddhiAppRuntime {
    const opts = this.effective(overrides);
    const sub = this.substitute(text, opts);
    let runtime: SiddhiAppRuntime;
    try {
      const app = this.parseAndCheck(sub, opts, mode);
      // The runtime keeps the text as written (the server shows and saves it; variables stay variables).
      runtime = buildApp(app, text, {
        registry: this.registry,
        logger: opts.logger ?? this.logger,
        persistence: this.persistence,
        clock: opts.clock ?? 'wall',
        startTime: opts.startTime ?? Date.now(),
        ...(opts.errorStore ? { errorStore: opts.errorStore } : {}),
        ...(opts.aggregationTimeZone !== undefined ? { aggregationTimeZone: opts.aggregationTimeZone } : {}),
        datasources: opts.datasources ?? {},
        extensionProperties: opts.extensionProperties ?? {},
        variables: opts.variables ?? {},
      });
    } catch (e) {
      throw written(e, sub);
    }
    const inc = opts.incrementalPersistence;
    if (inc !== undefined && inc !== false) runtime.setIncrementalPersistence(inc === true ? {} : inc);
    return runtime;
  }

  /**
   * The errors the parse and the semantic check find in an app, with their positions: what
   * `createSiddhiAppRuntime` refuses before it builds anything (empty when there are none). Builds nothing.
   */
  checkSiddhiApp(text: string): Diagnostic[] {
    try {
      const opts = this.effective({ skipCheck: false });
      const sub = this.substitute(text, opts);
      try {
        this.parseAndCheck(sub, opts, {});
      } catch (e) {
        throw written(e, sub);
      }
      return [];
    } catch (e) {
      if (e instanceof SiddhiAppCreationError) return e.diagnostics.filter((d) => d.severity === 'error');
      throw e;
    }
  }

  /**
   * Replaces the `${NAME}` variables of an app's text: from `variables`, else the environment. Throws
   * when one has no value (parsing on would only fail somewhere after it).
   */
  private substitute(text: string, opts: SiddhiManagerOptions): SubstitutedText {
    const given = opts.variables ?? {};
    const sub = substituteVariables(text, (name) =>
      Object.hasOwn(given, name) ? given[name] : globalThis.process?.env[name],
    );
    if (sub.diagnostics.length > 0) throw new SiddhiAppCreationError(sub.diagnostics);
    return sub;
  }

  private parseAndCheck(sub: SubstitutedText, opts: SiddhiManagerOptions, mode: BuildMode): SiddhiApp {
    const parsed = parseSiddhiApp(sub.text);
    if (!parsed.app || parsed.diagnostics.some((d) => d.severity === 'error')) {
      throw new SiddhiAppCreationError(
        parsed.diagnostics.length > 0
          ? parsed.diagnostics
          : [{ line: 1, column: 1, offset: 0, endOffset: 0, message: 'the app is empty', severity: 'error' }],
      );
    }
    // As in Siddhi, the sandbox drops connections before refs and datasources are looked up: its tables
    // need no datasource (an aggregation keeps its @store, and needs one).
    const written = mode.sandbox === true ? sandboxApp(parsed.app) : parsed.app;
    const resolved = resolveIoRefs(written, opts.refs ?? {});
    if (resolved.diagnostics.length > 0) throw new SiddhiAppCreationError(resolved.diagnostics);
    // A ref may bring a datasource.
    const connected = resolveDataSources(resolved.app, opts.datasources ?? {});
    if (connected.diagnostics.length > 0) throw new SiddhiAppCreationError(connected.diagnostics);
    if (opts.skipCheck !== true) {
      const errors = checkApp(connected.app, this.registry).diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) throw new SiddhiAppCreationError(errors);
    }
    return connected.app;
  }

  getSiddhiAppRuntime(name: string): SiddhiAppRuntime | undefined {
    return this.runtimes.get(name);
  }

  /** Forgets an app's runtime (the server removed or replaced it); does not shut it down. */
  removeSiddhiAppRuntime(name: string): void {
    this.runtimes.delete(name);
  }

  getSiddhiAppRuntimes(): SiddhiAppRuntime[] {
    return [...this.runtimes.values()];
  }

  /** Validates an app without running it; throws like `createSiddhiAppRuntime`. */
  validateSiddhiApp(text: string): void {
    // built and dropped, never registered: an app of the same name this manager runs stays its own
    this.build(text, { clock: 'virtual', startTime: 0 });
  }

  async shutdown(): Promise<void> {
    for (const r of this.runtimes.values()) await r.shutdown();
    this.runtimes.clear();
  }
}
