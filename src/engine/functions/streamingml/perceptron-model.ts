/**
 * A linear binary perceptron, as the Java extension's PerceptronModel computes it, and the models of an
 * app by name. The score of a feature vector is its dot product with the weights (summed in feature
 * order from 0) plus the bias; it predicts true when the score is above the threshold. A training event
 * whose label differs from the prediction moves each weight by `feature * (label ? 1 : -1) * learningRate`.
 */
import type { StreamFunctionContext } from '../../registry/extension-impl.js';
import type { ErrorMaker } from './ml-args.js';

export interface PerceptronState {
  readonly weights: number[] | null;
  readonly bias: number;
  readonly threshold: number;
  readonly learningRate: number;
}

export class PerceptronModel {
  weights: number[] | null = null;
  bias = 0.0;
  threshold = 0.5;
  learningRate = 0.1;

  /** The number of features, or -1 before the weights are made. */
  get featureSize(): number {
    return this.weights === null ? -1 : this.weights.length;
  }

  initWeights(size: number): void {
    this.weights = new Array<number>(size).fill(0);
  }

  /** The dot product of the features with the weights, plus the bias. */
  score(features: readonly number[], error: ErrorMaker): number {
    if (this.weights === null) this.initWeights(features.length);
    const w = this.weights!;
    if (w.length !== features.length) {
      throw error(`the dimensions need to be equal, but found ${features.length} and ${w.length}`);
    }
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += features[i]! * w[i]!;
    return sum + this.bias;
  }

  /** Trains on one labelled vector; returns the weights after it (the model's own array: copy before keeping). */
  update(label: boolean, features: readonly number[], error: ErrorMaker): readonly number[] {
    const predicted = this.score(features, error) > this.threshold;
    const w = this.weights!;
    if (label !== predicted) {
      const sign = label ? 1.0 : -1.0;
      for (let i = 0; i < features.length; i++) w[i] = w[i]! + features[i]! * sign * this.learningRate;
    }
    return w;
  }

  snapshot(): PerceptronState {
    return {
      weights: this.weights === null ? null : this.weights.slice(),
      bias: this.bias,
      threshold: this.threshold,
      learningRate: this.learningRate,
    };
  }

  restore(s: PerceptronState): void {
    this.weights = s.weights === null ? null : s.weights.slice();
    this.bias = s.bias;
    this.threshold = s.threshold;
    this.learningRate = s.learningRate;
  }
}

/**
 * The perceptron models of the app a processor runs in, by the name the queries give them. Siddhi keys its
 * JVM-wide holder by model name and app name; keeping the models with their app gives the same sharing
 * (the queries of one app share a model, two apps never do) without outliving the app.
 */
export function perceptronModels(ctx: StreamFunctionContext): Map<string, PerceptronModel> {
  const shared = ctx.appShared;
  if (shared === undefined) return new Map();
  let models = shared.get('streamingml:perceptron') as Map<string, PerceptronModel> | undefined;
  if (models === undefined) {
    models = new Map();
    shared.set('streamingml:perceptron', models);
  }
  return models;
}
