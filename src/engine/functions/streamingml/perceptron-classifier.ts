/**
 * `#streamingml:perceptronClassifier('model'[, bias[, threshold]], feature, ...)`: predicts the class of each
 * event with the app's perceptron model of that name, appending `prediction` and `confidenceLevel`.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import {
  constantFeature,
  creationError,
  feature,
  isExpression,
  mlErrors,
  readFeatures,
  requireAtMost,
  requireFeatureAttributes,
} from './ml-args.js';
import { perceptronModels } from './perceptron-model.js';

const FN = 'streamingml:perceptronClassifier';
const error = mlErrors('classification.perceptron.PerceptronClassifierStreamProcessorExtension');

/** Where the features start: after the bias, and after the threshold, when they are given (constants). */
function featureStart(constants: readonly unknown[]): number {
  if (constants[1] === undefined) return 1;
  return constants[2] !== undefined ? 3 : 2;
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'streamingml',
  name: 'perceptronClassifier',
  description:
    "Predicts the class of each event with a perceptron model that a query of the same app trains with `#streamingml:updatePerceptronClassifier`: that query must come before this one in the app, or the app's creation fails, and the two must give the model the same number of features. " +
    'The score is the dot product of the features and the weights plus the bias; the prediction is whether the score is above the threshold. ' +
    "A bias or threshold given here is set on the model the app's queries share, at app creation, in query order: training uses it too, and a later query's value replaces an earlier one's (the value -1.0 counts as not given, as in Siddhi). " +
    'A second constant argument is always the bias and a third the threshold: the threshold can be given only after a bias. ' +
    'The processor keeps no state of its own: the model is in the snapshots with the training query. A null feature is an error for the event.',
  parameters: [
    { name: 'model.name', type: ['string'], description: 'The name of the model to predict with.', constantOnly: true },
    {
      name: 'model.bias',
      type: ['double'],
      description: "The model's bias.",
      optional: true,
      defaultValue: '0.0',
      constantOnly: true,
    },
    {
      name: 'model.threshold',
      type: ['double'],
      description: 'The score above which the prediction is true, strictly between 0 and 1.',
      optional: true,
      defaultValue: '0.5',
      constantOnly: true,
    },
    feature('An attribute of the input stream (int, long, float or double) that is a feature of the model.'),
  ],
  signatures: [
    ['model.name', 'model.feature'],
    ['model.name', 'model.bias', 'model.feature'],
    ['model.name', 'model.bias', 'model.threshold', 'model.feature'],
  ],
  appendedAttributes: [
    { name: 'prediction', type: 'bool', description: 'Whether the score is above the threshold.' },
    { name: 'confidenceLevel', type: 'double', description: 'The score: the dot product plus the bias.' },
  ],
  examples: [
    {
      syntax:
        "define stream ProductionTrainStream (density double, temperature double, qualityCheck_pass bool);\ndefine stream ProductionInputStream (density double, temperature double);\n\nfrom ProductionTrainStream#streamingml:updatePerceptronClassifier('QCmodel', qualityCheck_pass, 0.1, density, temperature)\nselect *\ninsert into TrainOutputStream;\n\nfrom ProductionInputStream#streamingml:perceptronClassifier('QCmodel', 0.0, 0.5, density, temperature)\nselect *\ninsert into PredictedQCStream;",
      description:
        'The first query trains `QCmodel`; the second predicts with it, with a bias of 0.0 and a threshold of 0.5. PredictedQCStream has the attributes `density`, `temperature`, `prediction` and `confidenceLevel`.',
    },
  ],
};

export const perceptronClassifier: StreamFunctionImpl = {
  spec: {
    ...base,
    validate: (types, constants) => {
      if (constants[1] !== undefined && types[1] !== 'double') {
        return `model.bias must be a double constant, but found ${types[1]}`;
      }
      if (constants[1] !== undefined && types.length < 3) {
        return 'a model.feature attribute must follow model.bias';
      }
      if (constants[1] !== undefined && constants[2] !== undefined) {
        if (types[2] !== 'double') return `model.threshold must be a double constant, but found ${types[2]}`;
        const t = Number(constants[2]);
        if (!(t > 0 && t < 1)) return `model.threshold must be between 0 and 1 (both excluded), but found ${t}`;
      }
      return constantFeature(constants, featureStart(constants));
    },
  },
  create(ctx) {
    requireAtMost(ctx, FN, 'model.name, model.bias, model.threshold');
    if (isExpression(ctx, 1)) {
      throw creationError(
        FN,
        'the second argument must be the model.bias constant or a model.feature attribute, not an expression',
      );
    }
    if (ctx.constants[1] !== undefined && isExpression(ctx, 2)) {
      throw creationError(
        FN,
        'the third argument must be the model.threshold constant or a model.feature attribute, not an expression',
      );
    }
    const start = featureStart(ctx.constants);
    requireFeatureAttributes(ctx, FN, start);
    const prefix = String(ctx.constants[0]);
    const model = perceptronModels(ctx).get(prefix);
    if (model === undefined) {
      throw creationError(
        FN,
        `model '${prefix}' of app '${ctx.appName ?? ''}' is not built: a query of the app before this one must train it with #streamingml:updatePerceptronClassifier('${prefix}', ...)`,
      );
    }
    if (start > 1) {
      const bias = Number(ctx.constants[1]);
      if (bias !== -1) model.bias = bias;
    }
    if (start > 2) model.threshold = Number(ctx.constants[2]);
    const features = new Array<number>(ctx.argTypes.length - start).fill(0);
    if (model.featureSize !== -1 && model.featureSize !== features.length) {
      throw creationError(
        FN,
        `model '${prefix}' has ${model.featureSize} features, but this call gives ${features.length}; the classifier must give the model the features it was trained on`,
      );
    }
    // One buffer per call site: `emit` copies the values out before the next event.
    const out: unknown[] = [false, 0];
    return (args, emit) => {
      readFeatures(args, start, features, error);
      const score = model.score(features, error);
      out[0] = score > model.threshold;
      out[1] = score;
      emit(out);
    };
  },
};
