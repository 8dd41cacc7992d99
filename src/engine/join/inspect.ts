/** Looks up how a running join probes its sides (tests, plans). */
import type { AppContext } from '../app/app-context.js';
import type { SiddhiAppRuntime } from '../app/siddhi-app-runtime.js';
import { appStores } from '../table/app-stores.js';
import type { Findable } from '../table/table.js';
import type { JoinQueryInfo } from './build-join-query.js';
import { joinsOf } from './install.js';

function contextOf(app: SiddhiAppRuntime): AppContext {
  return (app as unknown as { readonly ctx: AppContext }).ctx;
}

export function joinInfoOf(app: SiddhiAppRuntime, queryName: string): JoinQueryInfo | undefined {
  return joinsOf(contextOf(app))?.get(queryName);
}

/** A table or named window of the app, by id. */
export function findableOf(app: SiddhiAppRuntime, id: string): Findable | undefined {
  const s = appStores(contextOf(app));
  return s.tables.get(id) ?? s.windows.get(id);
}
