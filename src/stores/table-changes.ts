/**
 * Store tables report each row they insert, update or delete, so a `@cache` in front of them stays
 * coherent: `before` undefined is an insert, `after` undefined a delete.
 */
import type { Table } from '../engine/table/table.js';

export type ChangeListener = (before: readonly unknown[] | undefined, after: readonly unknown[] | undefined) => void;

export interface ObservableTable extends Table {
  onChange(listener: ChangeListener): void;
}
