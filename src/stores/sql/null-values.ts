/**
 * Siddhi's rdbms store refuses to add a row holding null in an attribute that is not a string
 * (`allow.null.values`, default false): the row is dropped and an error logged. Updates are not
 * checked, as in Siddhi. `allow.null.values = 'true'` lets such rows in.
 */
import type { Attribute } from '../../engine/app/app-context.js';
import type { StoreOptions } from '../store-options.js';

/** The attribute of a row that the store refuses to hold null, or undefined when the row may be added. */
export type NullCheck = (row: readonly unknown[]) => Attribute | undefined;

export function nullCheck(opts: StoreOptions, attributes: readonly Attribute[]): NullCheck | undefined {
  const v = (opts.get('allow.null.values') ?? 'false').trim().toLowerCase();
  if (v !== 'true' && v !== 'false') throw opts.error(`allow.null.values must be 'true' or 'false', found '${v}'`);
  if (v === 'true') return undefined;
  const checked = attributes.map((a, i) => ({ a, i })).filter(({ a }) => a.type !== 'string');
  return (row) => checked.find(({ i }) => row[i] === null || row[i] === undefined)?.a;
}

/** The error line for a refused row. */
export function nullRefusal(table: string, row: readonly unknown[], attribute: Attribute): string {
  return (
    `table '${table}': the row ${JSON.stringify(row)} has null in '${attribute.name}' (${attribute.type}) and is dropped; ` +
    `an rdbms table adds rows with null only in string attributes unless @store(..., allow.null.values = 'true')`
  );
}
