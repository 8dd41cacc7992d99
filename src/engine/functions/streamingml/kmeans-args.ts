/** The parameters, checks and appended attributes the two k-means processors share. */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec, ParameterSpec } from '../../../lang/catalog.js';
import type { StreamFunctionContext } from '../../registry/extension-impl.js';
import { creationError, isExpression, requireAtMost, requireFeatureAttributes } from './ml-args.js';

export const CLUSTERS: ParameterSpec = {
  name: 'no.of.clusters',
  type: ['int'],
  description:
    'k, the number of clusters the model looks for. As in Siddhi it is not checked: with 0 every event is an error, with a negative k every event after the first.',
  constantOnly: true,
};

export const DECAY: ParameterSpec = {
  name: 'decay.rate',
  type: ['double'],
  description:
    "How much a training batch moves the centroids, in [0, 1]: 0 keeps the old centroids, 1 takes the batch's.",
  optional: true,
  defaultValue: '0.01',
  constantOnly: true,
};

/** What is wrong with a constant decay rate at argument 2, or undefined. */
export function checkDecay(types: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  if (types[1] !== 'double') return `decay.rate must be a double constant, but found ${types[1]}`;
  const d = Number(constants[1]);
  if (d < 0 || d > 1) return `decay.rate must be in [0, 1], but found ${d}`;
  return undefined;
}

/**
 * The checks both k-means processors make of a call when the app is built (`leading`: the parameters before
 * the features, for the message; `start`: where the features start). Returns k.
 */
export function checkKMeansCall(ctx: StreamFunctionContext, fn: string, leading: string, start: number): number {
  requireAtMost(ctx, fn, leading);
  if (isExpression(ctx, 1)) {
    throw creationError(
      fn,
      'decay.rate must be a constant (or the second argument a model.feature attribute), not an expression',
    );
  }
  requireFeatureAttributes(ctx, fn, start);
  return Number(ctx.constants[0]);
}

type Appended = NonNullable<ExtensionSpec['appendedAttributes']>;

export const APPENDED_DOC: Appended = [
  {
    name: 'euclideanDistanceToClosestCentroid',
    type: 'double',
    description: 'The Euclidean distance from the point to the closest centroid, rounded to 4 decimals.',
  },
  {
    name: 'closestCentroidCoordinate<i>',
    type: 'double',
    description:
      'One per feature (`closestCentroidCoordinate1` to `closestCentroidCoordinate<d>` for d features): the coordinates of the closest centroid, the cluster the point belongs to.',
  },
];

/** The distance, then one coordinate per feature: `dimensionality` features. */
export function appendedFor(dimensionality: number): Appended {
  const out = [APPENDED_DOC[0]!];
  for (let i = 1; i <= dimensionality; i++) {
    out.push({
      name: `closestCentroidCoordinate${i}`,
      type: 'double',
      description: `Coordinate ${i} of the closest centroid.`,
    });
  }
  return out;
}
