/** Looks up a running partition by name (`@info(name=...)` or `partition_N`), for tests and metrics. */
import type { AppContext } from '../app/app-context.js';
import type { SiddhiAppRuntime } from '../app/siddhi-app-runtime.js';
import { PartitionRuntime } from './partition-runtime.js';

export function partitionRuntimeOf(app: SiddhiAppRuntime, name: string): PartitionRuntime | undefined {
  const ctx = (app as unknown as { readonly ctx: AppContext }).ctx;
  const s = ctx.stateful.get(`partition/${name}`);
  return s instanceof PartitionRuntime ? s : undefined;
}
