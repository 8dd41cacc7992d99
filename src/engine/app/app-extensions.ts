/**
 * Extension points of the app builder. Features beyond plain streams (tables, named windows,
 * aggregations, joins, patterns, partitions, sources and sinks) install their builders here, so the
 * builder itself stays small and each feature lives in its own folder.
 */
import type { Definition, Partition, Query, SiddhiApp, StreamDefinition } from '../../lang/ast.js';
import type { Diagnostic } from '../../lang/errors.js';
import type { OutputAction } from '../query/query-output.js';
import type { AppContext, Attribute } from './app-context.js';
import type { QueryEnvironment } from './build-query.js';
import type { AppRuntimeHooks } from './siddhi-app-runtime.js';

export interface AppExtensionContext {
  readonly ctx: AppContext;
  readonly hooks: AppRuntimeHooks;
  readonly app: SiddhiApp;
  readonly diagnostics: Diagnostic[];
  /** Per-app state of installed features (e.g. the tables of the app), keyed by feature. */
  readonly features?: Map<string, unknown>;
}

type DefinitionKind = Exclude<Definition['kind'], 'streamDefinition' | 'triggerDefinition' | 'functionDefinition'>;
type DefinitionOf<K extends Definition['kind']> = Extract<Definition, { kind: K }>;

export interface AppExtensions {
  definition: { [K in DefinitionKind]?: (ext: AppExtensionContext, def: DefinitionOf<K>) => void };
  /** Called for every stream definition (sources and sinks attach here). */
  stream?: (ext: AppExtensionContext, def: StreamDefinition) => void;
  input: {
    [K in 'join' | 'pattern' | 'sequence']?: (ext: AppExtensionContext, q: Query, env: QueryEnvironment) => void;
  };
  partition?: (ext: AppExtensionContext, p: Partition, env: QueryEnvironment) => void;
  /** A single-input query over something that is not a stream (a table, window, aggregation); true when handled. */
  singleInput?: (ext: AppExtensionContext, q: Query, env: QueryEnvironment, id: string) => boolean;
  /** The output action of a query that writes to something other than a stream; undefined to fall back. */
  outputAction?: (ext: AppExtensionContext, q: Query, output: readonly Attribute[]) => OutputAction | undefined;
  /** Whether an id names something queries can read besides streams (named windows). */
  isSource?: (ctx: AppContext, id: string) => boolean;
}

export const appExtensions: AppExtensions = { definition: {}, input: {} };

/** Chains a hook after any already installed: the first that returns a defined/true result wins. */
export function installSingleInput(f: NonNullable<AppExtensions['singleInput']>): void {
  const prev = appExtensions.singleInput;
  appExtensions.singleInput = (ext, q, env, id) => prev?.(ext, q, env, id) || f(ext, q, env, id);
}

export function installOutputAction(f: NonNullable<AppExtensions['outputAction']>): void {
  const prev = appExtensions.outputAction;
  appExtensions.outputAction = (ext, q, out) => prev?.(ext, q, out) ?? f(ext, q, out);
}

export function installStreamHook(f: NonNullable<AppExtensions['stream']>): void {
  const prev = appExtensions.stream;
  appExtensions.stream = (ext, def) => {
    prev?.(ext, def);
    f(ext, def);
  };
}

export function installIsSource(f: NonNullable<AppExtensions['isSource']>): void {
  const prev = appExtensions.isSource;
  appExtensions.isSource = (ctx, id) => (prev?.(ctx, id) ?? false) || f(ctx, id);
}
