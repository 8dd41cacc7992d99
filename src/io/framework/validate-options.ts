/** App-creation checks of `@source` / `@sink` / `@map` options against the extension's spec. */
import type { Span } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import { CompileError } from '../../plan/expression/compile.js';

/** Throws a `CompileError` at `span` for a missing mandatory option or a value of the wrong type. */
export function checkOptions(
  spec: ExtensionSpec,
  what: string,
  options: ReadonlyMap<string, string>,
  span: Span,
): void {
  const given = new Map<string, string>();
  for (const [k, v] of options) given.set(k.toLowerCase(), v);
  for (const o of spec.options ?? []) {
    const v = given.get(o.name.toLowerCase());
    if (v === undefined) {
      if (!o.optional) {
        throw new CompileError(
          `${what} '${spec.name}' needs option '${o.name}' (${o.description.replace(/\.$/, '')}); add ${o.name}='...'`,
          span,
        );
      }
      continue;
    }
    if (o.dynamic && v.includes('{{')) continue;
    const types = o.type;
    if (types.length === 1 && types[0] === 'bool' && !/^(true|false)$/i.test(v.trim())) {
      throw new CompileError(`${what} '${spec.name}' option '${o.name}' must be 'true' or 'false', not '${v}'`, span);
    }
    if (types.every((t) => t === 'int' || t === 'long') && !/^[+-]?\d+$/.test(v.trim())) {
      throw new CompileError(`${what} '${spec.name}' option '${o.name}' must be a whole number, not '${v}'`, span);
    }
  }
}

/** Options every source or sink takes, read by the framework, not by the transport. */
const FRAMEWORK_OPTIONS = new Set(['on.error', 'retry.interval', 'retry.interval.max']);

/**
 * The options given that neither the extension nor the framework reads. Siddhi ignores unknown options
 * too, but silently: the caller warns, so an option that does nothing here (a setting of Siddhi's that
 * Tributary lacks, a misspelling) is seen at app creation, not found missing in production.
 */
export function unusedOptions(spec: ExtensionSpec, options: ReadonlyMap<string, string>): string[] {
  const known = new Set((spec.options ?? []).map((o) => o.name.toLowerCase()));
  const families = (spec.options ?? []).flatMap((o) => (o.family ? [o.family.toLowerCase()] : []));
  return [...options.keys()].filter((key) => {
    const k = key.toLowerCase();
    return !known.has(k) && !FRAMEWORK_OPTIONS.has(k) && !families.some((f) => k.startsWith(f));
  });
}
