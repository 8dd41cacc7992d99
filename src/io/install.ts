/**
 * Installs the I/O layer into the engine when imported: registers every built-in source, sink and mapper,
 * and the `file:` functions, in the extension registry and hooks `@source` / `@sink` annotations of stream
 * definitions into the app builder. The package entry (`src/index.ts`) imports it; the engine itself never imports io.
 */
import { installStreamHook } from '../engine/app/app-extensions.js';
import { builtinRegistry } from '../engine/builtins.js';
import type { ExtensionRegistry } from '../engine/registry/registry.js';
import { buildStreamIo } from './framework/build-io.js';
import { sinkMappers, sourceMappers } from './mappers/index.js';
import { builtinSinks, builtinSources } from './transports/index.js';
import { connectorSinks, connectorSources } from './transports/connectors.js';
import { fileFunctions } from './transports/file/functions/index.js';

/**
 * Registers the built-in sources, sinks and mappers (kinds 'source', 'sink', 'sourceMapper', 'sinkMapper'),
 * and the `file:` functions, which reach the file system and so live here rather than in the engine.
 */
export function registerIo(registry: ExtensionRegistry): ExtensionRegistry {
  return registry
    .registerAll(builtinSources)
    .registerAll(builtinSinks)
    .registerAll(connectorSources)
    .registerAll(connectorSinks)
    .registerAll(sourceMappers)
    .registerAll(sinkMappers)
    .registerAll(fileFunctions);
}

let installed = false;

/** Idempotent: registers into the built-in registry and installs the stream hook once. */
export function installIo(): void {
  if (installed) return;
  installed = true;
  registerIo(builtinRegistry());
  installStreamHook(buildStreamIo);
}

installIo();
