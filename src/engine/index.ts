export { SiddhiManager, type ErrorStoreHook, type SiddhiManagerOptions } from './siddhi-manager.js';
export { SiddhiAppRuntime, type OnDemandResult } from './app/siddhi-app-runtime.js';
export type { Event, QueryCallback, StreamCallback } from './runtime/event.js';
export { InputHandler, type InputEvent } from './runtime/input-handler.js';
export { ExtensionRegistry } from './registry/registry.js';
export type {
  FunctionImpl,
  AggregatorImpl,
  StreamFunctionImpl,
  AggregatorState,
  CallSiteContext,
} from './registry/extension-impl.js';
export type { WindowImpl, WindowProcessor, WindowContext } from './windows/window.js';
export { ManualScheduler } from './time/manual-scheduler.js';
export {
  InMemoryPersistenceStore,
  type MaybePromise,
  type PersistenceStore,
  type SyncPersistenceStore,
} from './persistence/persistence-store.js';
export type { IncrementalPersistenceOptions } from './persistence/incremental-snapshots.js';
export { SnapshotError } from './persistence/snapshot-codec.js';
export { tuneV8, V8_TUNING_FLAGS, V8_TUNING_ENV, type V8TuningOptions } from './runtime/v8-tuning.js';
export { jsonLogger, memoryLogger, type Logger, type LogLine } from './runtime/logger.js';
