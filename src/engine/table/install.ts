/**
 * Installs tables into the app builder (imported once, from `builtins.ts`): `define table`, the
 * table outputs of queries, name clashes with streams, and `runtime.query(...)`.
 */
import type { AppExtensionContext } from '../app/app-extensions.js';
import { appExtensions, installOutputAction, installStreamHook } from '../app/app-extensions.js';
import { CompileError } from '../../plan/expression/compile.js';
import { runOnDemandQuery } from '../on-demand/run-on-demand.js';
import { appStores } from './app-stores.js';
import { defineTable } from './define-table.js';
import { tableOutputAction } from './table-output.js';

/** Makes `runtime.query(text)` answer from the app's tables, windows (and aggregations). */
export function installOnDemand(ext: AppExtensionContext): void {
  if (!ext.hooks.query) ext.hooks.query = (text) => runOnDemandQuery(ext.ctx, text);
}

appExtensions.definition.tableDefinition = (ext, def) => {
  defineTable(ext.ctx, def);
  installOnDemand(ext);
};

installStreamHook((ext, def) => {
  const s = appStores(ext.ctx);
  if (s.tables.has(def.id) || s.windows.has(def.id)) {
    throw new CompileError(
      `'${def.id}' is already defined as a ${s.tables.has(def.id) ? 'table' : 'window'}; a stream needs another name`,
      def.span,
    );
  }
});

installOutputAction((ext, q, output) => {
  const out = q.output;
  if (out.kind === 'return' || (out.kind === 'insert' && (out.isInnerStream || out.isFaultStream))) return undefined;
  const table = appStores(ext.ctx).tables.get(out.target);
  if (!table) return undefined;
  return tableOutputAction(ext.ctx, table, out, output, q.span);
});
