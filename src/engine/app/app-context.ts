/** What every element of one running app shares: its clock, registry, junctions and state. */
import type { AttributeType } from '../../lang/ast.js';
import type { DataSources, ExtensionProperties } from '../../lang/datasources.js';
import type { CallResolver } from '../../plan/expression/compile.js';
import type { StreamEvent } from '../event/stream-event.js';
import type { QueryOutput } from '../query/query-output.js';
import type { ExtensionRegistry } from '../registry/registry.js';
import type { StreamJunction } from '../runtime/stream-junction.js';
import type { Scheduler } from '../time/scheduler.js';
import type { Logger } from '../runtime/logger.js';
import type { AppStatistics } from '../runtime/statistics.js';

export interface Attribute {
  readonly name: string;
  readonly type: AttributeType;
}

/** Anything whose state survives a restart. */
export interface Stateful {
  snapshot(): unknown;
  restore(state: unknown): void;
}

/** Anything that runs between start() and shutdown(). */
export interface Lifecycle {
  start?(): void;
  stop?(): void;
  /** Async work before start (store-backed tables connect and load); `SiddhiAppRuntime.startAsync()` awaits it. */
  prepare?(): Promise<void>;
  /** Waits for async work in flight (store write-behind); awaited by `SiddhiAppRuntime.flush()` and at shutdown. */
  flush?(): Promise<void>;
  /** Releases connections at shutdown, after `flush`. */
  release?(): Promise<void>;
}

/** Where failed events go to be inspected and replayed (`@OnError(action='STORE')`, sinks' `on.error='STORE'`). */
export interface ErrorStoreHook {
  store(entry: {
    readonly app: string;
    readonly stream: string;
    readonly events: readonly { readonly timestamp: number; readonly data: readonly unknown[] }[];
    readonly error: unknown;
  }): void;
}

export interface AppContext {
  readonly name: string;
  /** What queries report into while statistics are on (`@app:statistics`, or switched at runtime). */
  readonly statistics: AppStatistics;
  /** The manager's error store, when one is installed (the server's); without one, failures are logged. */
  readonly errorStore: ErrorStoreHook | undefined;
  /**
   * The manager's `aggregationTimeZone` (Siddhi's `aggTimeZone`) as given: the zone whose hours, days,
   * months and years incremental aggregations bucket by; undefined: UTC. Checked where an aggregation is defined.
   */
  readonly aggregationTimeZone: string | undefined;
  /** The manager's named database connections (`datasource`, `#rdbms:query('NAME', ...)`). */
  readonly datasources: DataSources;
  /** The manager's extension system parameters, by `namespace:name` (`rdbms:cud` -> `perform.CUD.operations`). */
  readonly extensionProperties: ExtensionProperties;
  /** The manager's `variables` (Siddhi's Java system properties): `env:getEnvironmentProperty` reads them. */
  readonly variables: Readonly<Record<string, string>>;
  readonly scheduler: Scheduler;
  /**
   * Where work paced by the time outside the app runs (a source polling a file or scraping a target): the
   * virtual clock in tests, else the wall clock. It is the app's scheduler except in playback on the wall
   * clock, where the app's clock is event time and would not move while a source waits for its next poll.
   */
  readonly pollScheduler: Scheduler;
  readonly registry: ExtensionRegistry;
  readonly resolver: CallResolver;
  readonly logger: Logger;
  readonly junctions: Map<string, StreamJunction>;
  readonly queryOutputs: Map<string, QueryOutput>;
  /** Stateful elements by a stable key (query name + element), for persist/restore. */
  readonly stateful: Map<string, Stateful>;
  readonly lifecycle: Lifecycle[];
  /** Streams some query reads, and streams some query inserts into. */
  readonly streamsRead: Set<string>;
  readonly streamsWritten: Set<string>;
  /** Creates the junction of a stream the first time it is needed (inferred output streams). */
  junctionFor(id: string, attributes: readonly Attribute[]): StreamJunction;
  /** Routes an error raised while processing events of a stream per its @OnError choice. */
  handleError(error: unknown, chunk: StreamEvent[], junction: StreamJunction): void;
}
