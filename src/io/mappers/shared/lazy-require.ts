/**
 * A CommonJS library loaded on first use instead of at module load. Mappers are synchronous (`create` and
 * `map` cannot await), so their heavier libraries are required synchronously the first time a mapper of
 * that type is created: apps that never use the format never pay for the import.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function returning the library `id`, required on its first call and cached. */
export function lazyRequire<T>(id: string): () => T {
  let library: T | undefined;
  return () => (library ??= require(id) as T);
}
