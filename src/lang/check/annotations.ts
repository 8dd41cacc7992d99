/** Checks of definition annotations: @PrimaryKey, @Index (Siddhi's EventHolderPasser rules), @OnError. */
import type { Annotation, AttributeDefinition, Span } from '../ast.js';
import type { CheckContext } from './context.js';

export function annotationsNamed(annotations: readonly Annotation[], name: string): Annotation[] {
  const lower = name.toLowerCase();
  return annotations.filter((a) => a.name.toLowerCase() === lower);
}

function checkColumn(
  ctx: CheckContext,
  span: Span,
  what: string,
  column: string,
  table: string,
  attrs: readonly AttributeDefinition[],
): void {
  if (!attrs.some((a) => a.name === column)) {
    ctx.error(
      span,
      `${what} names '${column}', which is not an attribute of table '${table}': expected one of ${attrs.map((a) => a.name).join(', ')}`,
    );
  }
}

/**
 * The attribute names of a @PrimaryKey / @Index element. On a store table (Siddhi hands the
 * annotation to the store, which joins the elements into its SQL) one element may list several,
 * comma-separated: @PrimaryKey('symbol, price').
 */
export function keyNames(value: string, stored: boolean): string[] {
  return stored ? value.split(',').map((v) => v.trim()) : [value.trim()];
}

export function checkTableAnnotations(
  ctx: CheckContext,
  table: string,
  attrs: readonly AttributeDefinition[],
  annotations: readonly Annotation[],
): void {
  const stored = annotationsNamed(annotations, 'store').length > 0;
  const pks = annotationsNamed(annotations, 'PrimaryKey');
  pks
    .slice(1)
    .forEach((pk) =>
      ctx.error(
        pk.span,
        `table '${table}' has more than one @PrimaryKey: list every key column in one @PrimaryKey('a', 'b')`,
      ),
    );
  const pk = pks[0];
  if (pk) {
    if (pk.elements.length === 0) {
      ctx.error(pk.span, `@PrimaryKey of table '${table}' names no attribute: write @PrimaryKey('attribute')`);
    }
    for (const el of pk.elements) {
      for (const col of keyNames(el.value, stored)) checkColumn(ctx, el.span, '@PrimaryKey', col, table, attrs);
    }
  }
  const indexed = new Set<string>();
  for (const ix of annotationsNamed(annotations, 'Index')) {
    if (stored && ix.elements.length > 0) {
      // A store indexes the listed attributes together (one composite index per @Index).
      for (const el of ix.elements) {
        for (const col of keyNames(el.value, stored)) checkColumn(ctx, el.span, '@Index', col, table, attrs);
      }
      continue;
    }
    if (ix.elements.length !== 1) {
      ctx.error(
        ix.span,
        `@Index of table '${table}' must name exactly one attribute, but found ${ix.elements.length}; ` +
          `to index several attributes write one @Index('attribute') per attribute`,
      );
      if (ix.elements.length === 0) continue;
    }
    for (const el of ix.elements) {
      const col = el.value.trim();
      checkColumn(ctx, el.span, '@Index', col, table, attrs);
      if (indexed.has(col))
        ctx.error(ix.span, `attribute '${col}' of table '${table}' is indexed twice; remove one @Index('${col}')`);
      indexed.add(col);
    }
  }
}

/** Whether `@OnError(action='STREAM')` asks for a fault stream `!S`. */
export function wantsFaultStream(annotations: readonly Annotation[]): boolean {
  return annotationsNamed(annotations, 'OnError').some((a) =>
    a.elements.some((e) => (e.key ?? 'action').toLowerCase() === 'action' && e.value.trim().toUpperCase() === 'STREAM'),
  );
}
