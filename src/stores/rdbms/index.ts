/** The `rdbms:` stream processors: SQL on named datasources from a query (`#rdbms:query`, `#rdbms:cud`). */
import type { ChunkProcessorImpl } from '../../engine/registry/extension-impl.js';
import { rdbmsCud } from './cud-processor.js';
import { rdbmsQuery } from './query-processor.js';

export const rdbmsProcessors: readonly ChunkProcessorImpl[] = [rdbmsQuery, rdbmsCud];
