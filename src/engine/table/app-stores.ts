/**
 * The tables and named windows of each running app, found by the app's context. Joins and the
 * on-demand query runner look them up here.
 */
import type { AppContext } from '../app/app-context.js';
import type { NamedWindow } from '../named-window/named-window.js';
import type { Table } from './table.js';

export interface AppStores {
  readonly tables: Map<string, Table>;
  readonly windows: Map<string, NamedWindow>;
}

const byApp = new WeakMap<AppContext, AppStores>();

/** The app's tables and named windows (created empty on first use). */
export function appStores(ctx: AppContext): AppStores {
  let s = byApp.get(ctx);
  if (!s) {
    s = { tables: new Map(), windows: new Map() };
    byApp.set(ctx, s);
  }
  return s;
}

export function tableOf(ctx: AppContext, id: string): Table | undefined {
  return byApp.get(ctx)?.tables.get(id);
}

export function namedWindowOf(ctx: AppContext, id: string): NamedWindow | undefined {
  return byApp.get(ctx)?.windows.get(id);
}
