/** The core (namespace '') aggregators of Siddhi 5.1. */
import type { AggregatorImpl } from '../registry/extension-impl.js';
import { avgAggregator } from './avg.js';
import { countAggregator } from './count.js';
import { distinctCountAggregator } from './distinct-count.js';
import { maxForeverAggregator, minForeverAggregator } from './forever.js';
import { andAggregator, orAggregator } from './logical.js';
import { maxAggregator, minAggregator } from './min-max.js';
import { stdDevAggregator } from './std-dev.js';
import { sumAggregator } from './sum.js';
import { unionSetAggregator } from './union-set.js';

export const builtinAggregators: readonly AggregatorImpl[] = [
  sumAggregator,
  countAggregator,
  avgAggregator,
  minAggregator,
  maxAggregator,
  distinctCountAggregator,
  maxForeverAggregator,
  minForeverAggregator,
  stdDevAggregator,
  andAggregator,
  orAggregator,
  unionSetAggregator,
];

export {
  andAggregator,
  avgAggregator,
  countAggregator,
  distinctCountAggregator,
  maxAggregator,
  maxForeverAggregator,
  minAggregator,
  minForeverAggregator,
  orAggregator,
  stdDevAggregator,
  sumAggregator,
  unionSetAggregator,
};
export { ExtremeTracker } from './extreme-tracker.js';
