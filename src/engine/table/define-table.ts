/**
 * `define table T (...)`: checks `@PrimaryKey` / `@Index` / `@store`, creates the table (in-memory,
 * or through a registered store factory), and registers its state as `table/<id>`.
 */
import type { Annotation, TableDefinition } from '../../lang/ast.js';
import { keyNames } from '../../lang/check/annotations.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import { annotationValue, sameSchema } from '../app/build-app.js';
import { appStores } from './app-stores.js';
import { InMemoryTable, type TableLayout } from './in-memory-table.js';
import type { Table } from './table.js';

/** Creates a store-backed table for `@store(type = '<type>', ...)`; stores register here. */
export type TableFactory = (layout: TableLayout, store: Annotation, ctx: AppContext, def: TableDefinition) => Table;

export const tableFactories = new Map<string, TableFactory>();

export function defineTable(ctx: AppContext, def: TableDefinition): Table {
  const attributes: Attribute[] = def.attributes.map((a) => ({ name: a.name, type: a.type }));
  const stores = appStores(ctx);
  if (ctx.junctions.has(def.id)) {
    throw new CompileError(`'${def.id}' is already defined as a stream; a table needs another name`, def.span);
  }
  if (stores.windows.has(def.id)) {
    throw new CompileError(`'${def.id}' is already defined as a window; a table needs another name`, def.span);
  }
  const existing = stores.tables.get(def.id);
  if (existing) {
    if (!sameSchema(existing.attributes, attributes)) {
      throw new CompileError(`table '${def.id}' is already defined with different attributes`, def.span);
    }
    return existing;
  }
  const store = single(def, 'store');
  const layout: TableLayout = store
    ? storeLayout(def, attributes)
    : {
        id: def.id,
        attributes,
        primaryKey: keyColumns(def, 'PrimaryKey', attributes),
        indexes: keyColumns(def, 'Index', attributes),
      };
  let table: Table;
  if (store) {
    const type = annotationValue(store, 'type');
    const factory = type === undefined ? undefined : tableFactories.get(type.toLowerCase());
    if (!factory) {
      throw new CompileError(
        type === undefined
          ? `table '${def.id}': @store needs a type (e.g. @store(type = 'rdbms', ...)); store references are not configured`
          : `table '${def.id}': no store of type '${type}'; known stores: ${[...tableFactories.keys()].join(', ') || 'none'}`,
        store.span,
      );
    }
    table = factory(layout, store, ctx, def);
  } else {
    table = new InMemoryTable(layout, ctx.logger.child({ table: def.id }));
  }
  stores.tables.set(def.id, table);
  ctx.stateful.set(`table/${def.id}`, table);
  return table;
}

/**
 * A store table's keys, as Siddhi's stores read them: one element may list several attributes
 * (`@PrimaryKey('symbol, price')`), and an `@Index` naming several attributes is one composite
 * index in the database (`compositeIndexes`); single-attribute indexes also serve the engine.
 */
function storeLayout(def: TableDefinition, attributes: readonly Attribute[]): TableLayout {
  const names = (a: Annotation): string[] => a.elements.flatMap((e) => keyNames(e.value, true));
  const positions = (a: Annotation, name: string): number[] =>
    names(a).map((n) => {
      const i = attributes.findIndex((x) => x.name === n);
      if (i < 0) {
        throw new CompileError(
          `@${name}('${n}'): table '${def.id}' has no attribute '${n}'; it has ${attributes.map((x) => x.name).join(', ')}`,
          a.span,
        );
      }
      return i;
    });
  const pk = single(def, 'PrimaryKey');
  const indexes: number[] = [];
  const compositeIndexes: number[][] = [];
  for (const a of def.annotations.filter((x) => x.name.toLowerCase() === 'index')) {
    const cols = positions(a, 'Index');
    if (cols.length === 0) throw new CompileError(`@Index of table '${def.id}' names no attribute`, a.span);
    if (cols.length > 1) compositeIndexes.push(cols);
    else if (!indexes.includes(cols[0]!)) indexes.push(cols[0]!);
  }
  return { id: def.id, attributes, primaryKey: pk ? positions(pk, 'PrimaryKey') : [], indexes, compositeIndexes };
}

function single(def: TableDefinition, name: string): Annotation | undefined {
  const n = name.toLowerCase();
  const found = def.annotations.filter((a) => a.name.toLowerCase() === n);
  if (found.length > 1) throw new CompileError(`table '${def.id}' has more than one @${name}`, found[1]!.span);
  return found[0];
}

function keyColumns(def: TableDefinition, name: 'PrimaryKey' | 'Index', attributes: readonly Attribute[]): number[] {
  if (name === 'Index') {
    const found = def.annotations.filter((a) => a.name.toLowerCase() === 'index');
    const cols: number[] = [];
    for (const a of found) {
      if (a.elements.length !== 1) {
        throw new CompileError(
          `@Index of table '${def.id}' must name exactly one attribute (write one @Index per attribute)`,
          a.span,
        );
      }
      const i = columns(def, a, name, attributes)[0]!;
      if (cols.includes(i))
        throw new CompileError(`table '${def.id}' has two @Index('${a.elements[0]!.value}')`, a.span);
      cols.push(i);
    }
    return cols;
  }
  const a = single(def, name);
  if (!a) return [];
  return columns(def, a, name, attributes);
}

function columns(def: TableDefinition, a: Annotation, name: string, attributes: readonly Attribute[]): number[] {
  if (a.elements.length === 0) throw new CompileError(`@${name} of table '${def.id}' names no attribute`, a.span);
  return a.elements.map((e) => {
    const i = attributes.findIndex((x) => x.name === e.value);
    if (e.key !== undefined || i < 0) {
      throw new CompileError(
        `@${name}('${e.value}'): table '${def.id}' has no attribute '${e.value}'; it has ${attributes.map((x) => x.name).join(', ')}`,
        a.span,
      );
    }
    return i;
  });
}
