/**
 * The `streamingml:` extension library (siddhi-execution-streamingml): the perceptron classifier and the two
 * k-means clusterers. Its processors that build on MOA or probabilistic libraries are not here.
 */
import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import { kMeansIncremental } from './kmeans-incremental.js';
import { kMeansMiniBatch } from './kmeans-mini-batch.js';
import { perceptronClassifier } from './perceptron-classifier.js';
import { updatePerceptronClassifier } from './update-perceptron-classifier.js';

export const streamingmlProcessors: readonly StreamFunctionImpl[] = [
  updatePerceptronClassifier,
  perceptronClassifier,
  kMeansIncremental,
  kMeansMiniBatch,
];
