/**
 * `#streamingml:kMeansIncremental(k[, decay.rate], feature, ...)`: sequential k-means. Each event is first
 * placed (the distance to its closest centroid and that centroid's coordinates are appended), then the model
 * trains on it alone.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { APPENDED_DOC, appendedFor, checkDecay, checkKMeansCall, CLUSTERS, DECAY } from './kmeans-args.js';
import { KMeansModel, type KMeansModelState } from './kmeans-model.js';
import { constantFeature, feature, mlErrors, readPoint } from './ml-args.js';

const FN = 'streamingml:kMeansIncremental';
const error = mlErrors('clustering.kmeans.KMeansIncrementalSPExtension');

/** The iterations of each training, fixed in the Java extension. */
const ITERATIONS = 2;

function featureStart(constants: readonly unknown[]): number {
  return constants[1] !== undefined ? 2 : 1;
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'streamingml',
  name: 'kMeansIncremental',
  description:
    'Clusters the points the events make (one coordinate per feature) with sequential k-means, the Euclidean distance as metric, appending to each event the distance to its closest centroid and that centroid. ' +
    "The first event only starts the model (its appended attributes are null): its point becomes the first centroid. Each following event is placed with the model as it stands, then trains it alone: while the model has fewer than k centroids, a point that differs from all of them becomes one (so the first k distinct points, in arrival order, start the clusters); once it has k, the centroid closest to the point moves to `round4((1 - decay.rate) * centroid + decay.rate * round4(point))`, round4 rounding to 4 decimals as Java's `Math.round(x * 10000.0) / 10000.0` does. " +
    'Distances are rounded to 4 decimals too; of centroids at the same rounded distance, the earlier one wins. Tributary follows the steps of the Java code (a two-iteration k-means on the single point), so its corner cases, such as points within 0.0001 of the origin, give what Siddhi gives. ' +
    "The model is kept per query (and per partition key) and in the app's snapshots. A null feature is an error for the event.",
  parameters: [
    CLUSTERS,
    DECAY,
    feature('An attribute of the input stream (int, long, float or double): one coordinate of the point.'),
  ],
  signatures: [
    ['no.of.clusters', 'model.feature'],
    ['no.of.clusters', 'decay.rate', 'model.feature'],
  ],
  appendedAttributes: APPENDED_DOC,
  appendedAttributesOf: (types, constants) => appendedFor(Math.max(0, types.length - featureStart(constants))),
  examples: [
    {
      syntax:
        'define stream SweetProductionStream (temperature double, density double);\n\nfrom SweetProductionStream#streamingml:kMeansIncremental(2, 0.2, temperature, density)\nselect closestCentroidCoordinate1, closestCentroidCoordinate2, temperature, density\ninsert into SweetStatePredictionStream;',
      description:
        'Two clusters, a decay rate of 0.2. For (5.7905, 7.7499), (27.458, 23.8848), (3.078, 9.1072), (28.326, 26.7484), (2.2602, 4.6408), the closest centroids are null, (5.7905, 7.7499), (5.7905, 7.7499), (27.458, 23.8848) and (5.248, 8.0214).',
    },
    {
      syntax:
        'from InputStream#streamingml:kMeansIncremental(2, x, y)\nselect euclideanDistanceToClosestCentroid, closestCentroidCoordinate1, closestCentroidCoordinate2, x, y\ninsert into OutputStream;',
      description: 'The default decay rate, 0.01.',
    },
  ],
};

interface IncrementalState {
  readonly model: KMeansModelState;
}

export const kMeansIncremental: StreamFunctionImpl = {
  spec: {
    ...base,
    validate: (types, constants) =>
      (constants[1] !== undefined ? checkDecay(types, constants) : undefined) ??
      constantFeature(constants, featureStart(constants)),
  },
  create(ctx) {
    const start = featureStart(ctx.constants);
    const k = checkKMeansCall(ctx, FN, 'no.of.clusters, decay.rate', start);
    const decayRate = start === 2 ? Number(ctx.constants[1]) : 0.01;
    const dimensionality = ctx.argTypes.length - start;
    let model = new KMeansModel(k, dimensionality, error);
    const out = new Array<unknown>(1 + dimensionality).fill(null);
    const untrained: readonly unknown[] = out.slice();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const point = readPoint(args, start, dimensionality, error);
      if (model.trained) {
        model.closestInfo(point, out);
        emit(out);
      } else emit(untrained);
      model.train([point], decayRate, ITERATIONS);
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): IncrementalState => ({ model: model.snapshot() }),
      restore: (state: unknown): void => {
        model = new KMeansModel(k, dimensionality, error);
        model.restore(asState<IncrementalState>(state, FN).model);
      },
    });
    return stateful;
  },
};
