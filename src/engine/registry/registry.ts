/**
 * The one extension registry: every built-in and user extension registers here with its spec.
 * The validator, the docs generator and the editor read the specs; the planner takes the implementations.
 */
import type { Catalog, ExtensionKind, ExtensionSpec } from '../../lang/catalog.js';

export interface RegisteredExtension<I = unknown> {
  readonly spec: ExtensionSpec;
  readonly impl: I;
}

function keyOf(kind: ExtensionKind, namespace: string, name: string): string {
  return `${kind}|${namespace.toLowerCase()}|${name}`;
}

function foldedKeyOf(kind: ExtensionKind, namespace: string, name: string): string {
  return keyOf(kind, namespace, name.toLowerCase());
}

/**
 * Names are found case-insensitively, but an exact spelling wins: `unitconversion:kgToST` (US tons) and
 * `unitconversion:kgTost` (stones) are two functions, as in Siddhi.
 */
export class ExtensionRegistry implements Catalog {
  private readonly entries = new Map<string, RegisteredExtension>();
  /** Lower-cased key → the exact key last registered under it. */
  private readonly folded = new Map<string, string>();

  /**
   * Registers an implementation under its spec's kind, namespace and name; a later registration of the same
   * spelling replaces, and becomes what other spellings of the name find.
   */
  register<I extends { readonly spec: ExtensionSpec }>(impl: I): this {
    const { kind, namespace, name } = impl.spec;
    const key = keyOf(kind, namespace, name);
    this.entries.set(key, { spec: impl.spec, impl });
    this.folded.set(foldedKeyOf(kind, namespace, name), key);
    return this;
  }

  registerAll(impls: readonly { readonly spec: ExtensionSpec }[]): this {
    for (const impl of impls) this.register(impl);
    return this;
  }

  private find(kind: ExtensionKind, namespace: string, name: string): RegisteredExtension | undefined {
    const exact = this.entries.get(keyOf(kind, namespace, name));
    if (exact !== undefined) return exact;
    const key = this.folded.get(foldedKeyOf(kind, namespace, name));
    return key === undefined ? undefined : this.entries.get(key);
  }

  lookup(kind: ExtensionKind, namespace: string, name: string): ExtensionSpec | undefined {
    return this.find(kind, namespace, name)?.spec;
  }

  /** The implementation registered for `namespace:name`, typed by the caller who knows the kind. */
  implementation<I>(kind: ExtensionKind, namespace: string, name: string): I | undefined {
    return this.find(kind, namespace, name)?.impl as I | undefined;
  }

  list(kind?: ExtensionKind): readonly ExtensionSpec[] {
    const out: ExtensionSpec[] = [];
    for (const e of this.entries.values()) if (kind === undefined || e.spec.kind === kind) out.push(e.spec);
    return out.sort((a, b) => `${a.namespace}:${a.name}`.localeCompare(`${b.namespace}:${b.name}`));
  }

  /** A copy that user extensions can be added to without touching this one. */
  clone(): ExtensionRegistry {
    const copy = new ExtensionRegistry();
    for (const [k, v] of this.entries) copy.entries.set(k, v);
    for (const [k, v] of this.folded) copy.folded.set(k, v);
    return copy;
  }
}
