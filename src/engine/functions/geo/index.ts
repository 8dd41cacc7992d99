/** The `geo:` extension library (siddhi-gpl-execution-geo): geo functions and stream processors. */
import type { FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { closestPoints } from './closest-points.js';
import { crosses } from './crosses.js';
import { distance } from './distance.js';
import { intersects } from './intersects.js';
import { locationApproximate } from './location-approximate.js';
import { proximity } from './proximity.js';
import { stationary } from './stationary.js';
import { withinDistance } from './within-distance.js';
import { within } from './within.js';

export const geoFunctions: readonly FunctionImpl[] = [distance, intersects, within, withinDistance];

export const geoProcessors: readonly StreamFunctionImpl[] = [
  crosses,
  proximity,
  stationary,
  closestPoints,
  locationApproximate,
];
