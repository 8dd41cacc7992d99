/** The `reorder:` stream processors (siddhi-execution-reorder). */
import type { HoldingStreamProcessorImpl } from '../../registry/extension-impl.js';
import { reorderAKSlack } from './akslack.js';
import { reorderKSlack } from './kslack.js';

export const reorderProcessors: readonly HoldingStreamProcessorImpl[] = [reorderKSlack, reorderAKSlack];
