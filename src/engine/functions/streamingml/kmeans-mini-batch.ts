/**
 * `#streamingml:kMeansMiniBatch(k[, decay.rate, maximum.iterations, no.of.events.to.retrain], feature, ...)`:
 * mini-batch k-means. Each event is placed with the model as it stands (once trained) and kept; every
 * `no.of.events.to.retrain` events the model trains on the events kept since the last training.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { APPENDED_DOC, appendedFor, checkDecay, checkKMeansCall, CLUSTERS, DECAY } from './kmeans-args.js';
import { KMeansModel, type KMeansModelState } from './kmeans-model.js';
import { constantFeature, feature, mlErrors, readPoint } from './ml-args.js';

const FN = 'streamingml:kMeansMiniBatch';
const error = mlErrors('clustering.kmeans.KMeansMiniBatchSPExtension');

function featureStart(constants: readonly unknown[]): number {
  return constants[1] !== undefined ? 4 : 1;
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'streamingml',
  name: 'kMeansMiniBatch',
  description:
    'Clusters the points the events make (one coordinate per feature) with mini-batch k-means, the Euclidean distance as metric, appending to each event the distance to its closest centroid and that centroid. ' +
    'Events are kept until `no.of.events.to.retrain` have arrived since the last training; the event that completes the batch is placed first, then the model trains on the batch. Until the first training, the appended attributes are null. ' +
    'The first training takes the first k distinct points of the batch, in arrival order, as centroids and runs k-means on the batch: each point goes to its closest centroid, each centroid moves to the mean of its points, until no centroid moves or `maximum.iterations` run out. ' +
    'Each later training runs the same iterations on the new batch from the current centroids, then blends: a centroid that kept points moves to `round4((1 - decay.rate) * old + decay.rate * new)`, one that kept none stays. ' +
    "Distances and means are rounded to 4 decimals (round4, as Java's `Math.round(x * 10000.0) / 10000.0`), a centroid left without points in an iteration goes to the origin, and of centroids at the same rounded distance the earlier one wins: Tributary follows the steps of the Java code, so its results match to the last digit. " +
    'Siddhi trains batches of 20 events or more on a separate thread, so events that arrive meanwhile may still be placed with the old centroids; Tributary trains before the next event, which is what Siddhi gives when the training keeps up. ' +
    'The hyperparameters are given all three or none: Siddhi documents overloads with one or two of them, but its code reads a constant second argument as the decay rate followed by the other two. ' +
    "The model, the events kept and the count are kept per query (and per partition key) and in the app's snapshots. A null feature is an error for the event.",
  parameters: [
    CLUSTERS,
    DECAY,
    {
      name: 'maximum.iterations',
      type: ['int'],
      description: 'The most k-means iterations a training runs (it stops earlier when no centroid moves); positive.',
      optional: true,
      defaultValue: '50',
      constantOnly: true,
    },
    {
      name: 'no.of.events.to.retrain',
      type: ['int'],
      description: 'The size of the batches: the model trains every this many events; positive.',
      optional: true,
      defaultValue: '20',
      constantOnly: true,
    },
    feature('An attribute of the input stream (int, long, float or double): one coordinate of the point.'),
  ],
  signatures: [
    ['no.of.clusters', 'model.feature'],
    ['no.of.clusters', 'decay.rate', 'maximum.iterations', 'no.of.events.to.retrain', 'model.feature'],
  ],
  appendedAttributes: APPENDED_DOC,
  appendedAttributesOf: (types, constants) => appendedFor(Math.max(0, types.length - featureStart(constants))),
  examples: [
    {
      syntax:
        'define stream InputStream (x double, y double);\n\nfrom InputStream#streamingml:kMeansMiniBatch(2, 0.2, 10, 20, x, y)\nselect closestCentroidCoordinate1, closestCentroidCoordinate2, x, y\ninsert into OutputStream;',
      description:
        'Two clusters, a decay rate of 0.2, at most 10 iterations, batches of 20 events: the first 20 events train the model (their appended attributes are null) and from the 21st on each event gets its closest centroid.',
    },
    {
      syntax:
        'from InputStream#streamingml:kMeansMiniBatch(2, x, y)\nselect closestCentroidCoordinate1, closestCentroidCoordinate2, x, y\ninsert into OutputStream;',
      description: 'The defaults: decay rate 0.01, 50 iterations, batches of 20 events.',
    },
  ],
};

interface MiniBatchState {
  readonly model: KMeansModelState;
  /** The points kept since the last training, oldest first. */
  readonly pending: number[][];
  /** The events received (the batch boundary is a multiple of the batch size). */
  readonly received: number;
}

/** What is wrong with a constant int hyperparameter at argument `i`, or undefined. */
function checkPositiveInt(
  types: readonly string[],
  constants: readonly unknown[],
  i: number,
  name: string,
): string | undefined {
  if (constants[i] === undefined) {
    return `${name} must be a constant: give decay.rate, maximum.iterations and no.of.events.to.retrain, all three constants, or none`;
  }
  if (types[i] !== 'int') return `${name} must be an int constant, but found ${types[i]}`;
  const n = Number(constants[i]);
  if (n <= 0) return `${name} must be a positive int, but found ${n}`;
  return undefined;
}

export const kMeansMiniBatch: StreamFunctionImpl = {
  spec: {
    ...base,
    validate: (types, constants) => {
      if (constants[1] !== undefined) {
        const wrong =
          checkDecay(types, constants) ??
          checkPositiveInt(types, constants, 2, 'maximum.iterations') ??
          checkPositiveInt(types, constants, 3, 'no.of.events.to.retrain');
        if (wrong !== undefined) return wrong;
      }
      return constantFeature(constants, featureStart(constants));
    },
  },
  create(ctx) {
    const start = featureStart(ctx.constants);
    const k = checkKMeansCall(
      ctx,
      FN,
      'no.of.clusters, decay.rate, maximum.iterations, no.of.events.to.retrain',
      start,
    );
    const given = start === 4;
    const decayRate = given ? Number(ctx.constants[1]) : 0.01;
    const iterations = given ? Number(ctx.constants[2]) : 50;
    const batch = given ? Number(ctx.constants[3]) : 20;
    const dimensionality = ctx.argTypes.length - start;
    let model = new KMeansModel(k, dimensionality, error);
    let pending: number[][] = [];
    let received = 0;
    const out = new Array<unknown>(1 + dimensionality).fill(null);
    const untrained: readonly unknown[] = out.slice();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      // Java counts the event before it reads it: an event whose feature is null still counts.
      received = (received + 1) | 0;
      const point = readPoint(args, start, dimensionality, error);
      pending.push(point);
      if (model.trained) {
        model.closestInfo(point, out);
        emit(out);
      } else emit(untrained);
      if (received % batch === 0) {
        // As in Java, a training that fails (k of 0) leaves the batch kept.
        model.train(pending, decayRate, iterations);
        pending = [];
      }
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): MiniBatchState => ({
        model: model.snapshot(),
        pending: pending.map((p) => [...p]),
        received,
      }),
      restore: (state: unknown): void => {
        const s = asState<MiniBatchState>(state, FN);
        model = new KMeansModel(k, dimensionality, error);
        model.restore(s.model);
        pending = s.pending.map((p) => [...p]);
        received = s.received;
      },
    });
    return stateful;
  },
};
