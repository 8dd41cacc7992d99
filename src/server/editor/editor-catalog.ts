/**
 * The extension registry as plain JSON for the editor's autocomplete (`GET /editor/api/catalog`):
 * every extension's kind, namespace, name, description, parameters, options and return, without the
 * spec's functions (type computation and call validation stay on the server).
 */
import type { Catalog, ExtensionKind, OptionSpec, ParameterSpec } from '../../lang/catalog.js';

export interface CatalogParameterJson {
  readonly name: string;
  readonly type: readonly string[];
  readonly description: string;
  readonly optional: boolean;
  readonly defaultValue?: string;
}

export interface CatalogEntryJson {
  readonly kind: ExtensionKind;
  /** '' for core. */
  readonly namespace: string;
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly CatalogParameterJson[];
  readonly options: readonly CatalogParameterJson[];
  /** Return types of a function or aggregator ([] for the other kinds). */
  readonly returns: readonly string[];
}

export interface CatalogJson {
  readonly extensions: readonly CatalogEntryJson[];
}

function param(p: ParameterSpec | OptionSpec): CatalogParameterJson {
  return {
    name: p.name,
    type: [...p.type],
    description: p.description,
    optional: p.optional ?? false,
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  };
}

export function catalogJson(catalog: Catalog): CatalogJson {
  return {
    extensions: catalog.list().map((s) => ({
      kind: s.kind,
      namespace: s.namespace,
      name: s.name,
      description: s.description,
      parameters: s.parameters.map(param),
      options: (s.options ?? []).map(param),
      returns: s.returns ? [...s.returns.type] : [],
    })),
  };
}
