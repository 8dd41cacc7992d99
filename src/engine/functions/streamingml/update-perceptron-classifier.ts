/**
 * `#streamingml:updatePerceptronClassifier('model', label[, learning.rate], feature, ...)`: trains the app's
 * perceptron model of that name on each event and appends the weights after it, one `<feature>.weight`
 * attribute per feature.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { javaEqualsIgnoreCase } from '../str/equals-ignore-case.js';
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
import { PerceptronModel, perceptronModels, type PerceptronState } from './perceptron-model.js';

const FN = 'streamingml:updatePerceptronClassifier';
const error = mlErrors('classification.perceptron.PerceptronClassifierUpdaterStreamProcessorExtension');

/** Where the features start: after the learning rate when it is given. */
function featureStart(constants: readonly unknown[]): number {
  return constants[2] !== undefined ? 3 : 2;
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'streamingml',
  name: 'updatePerceptronClassifier',
  description:
    'Trains a linear binary classifier (a perceptron) on each event and appends its weights after the event. ' +
    "The model's score of a feature vector is the dot product of the features and the weights plus the bias; it predicts true when the score is above the threshold. " +
    'When the label differs from the prediction, each weight moves by `feature * (label ? 1 : -1) * learning.rate`; when they agree, nothing changes. The weights start at 0. ' +
    "A model belongs to its app: the queries of one app that name it share it (this one trains it, `#streamingml:perceptronClassifier` predicts with it and sets its bias and threshold, which training uses too), and two apps never share one. (Siddhi keeps the models in one holder of the JVM keyed by model name and app name, so two runtimes of the same app name alive at once would share one there, and a model stays behind when a later query fails the app's creation; here a model lives and dies with its app.) The first query of the app that names the model fixes its number of features; a later query naming it with another number fails the app's creation. A learning rate given by a query replaces the model's (0.1 until one is given); the value -1.0 counts as not given, as in Siddhi. " +
    "The model is kept in the app's snapshots with this processor's state, bias, threshold and learning rate included, and a restore puts it back for every query of the app. " +
    'A label that is a string must be `true` or `false` in any case; another string, a null label or a null feature is an error for the event.',
  parameters: [
    {
      name: 'model.name',
      type: ['string'],
      description: "The model's name, shared by the queries of the app that name it.",
      constantOnly: true,
    },
    {
      name: 'model.label',
      type: ['bool', 'string'],
      description: 'The attribute holding the class of the event: a bool, or a string `true` or `false`.',
    },
    {
      name: 'learning.rate',
      type: ['double'],
      description: 'How far one misclassified event moves the weights.',
      optional: true,
      defaultValue: '0.1',
      constantOnly: true,
    },
    feature('An attribute of the input stream (int, long, float or double) that is a feature of the model.'),
  ],
  signatures: [
    ['model.name', 'model.label', 'model.feature'],
    ['model.name', 'model.label', 'learning.rate', 'model.feature'],
  ],
  appendedAttributes: [
    {
      name: '<feature>.weight',
      type: 'double',
      description:
        'The weight of each feature after the event, named after the feature attribute (`density.weight` for `density`), in argument order.',
    },
  ],
  // Each weight is named after its feature attribute (`featureWeight<i>` where the feature is no attribute).
  appendedAttributesOf: (_types, constants, argNames) => {
    const start = featureStart(constants);
    return Array.from({ length: Math.max(0, constants.length - start) }, (_, i) => {
      const feature = argNames[start + i];
      return {
        name: feature === undefined ? `featureWeight${i + 1}` : `${feature}.weight`,
        type: 'double' as const,
        description: `The weight of feature ${i + 1}.`,
      };
    });
  },
  examples: [
    {
      syntax:
        "define stream TrainStream (density double, temperature double, qualityCheck_pass bool);\n\nfrom TrainStream#streamingml:updatePerceptronClassifier('QCmodel', qualityCheck_pass, 0.1, density, temperature)\nselect *\ninsert into TrainOutputStream;",
      description:
        'Trains the model `QCmodel` with a learning rate of 0.1; TrainOutputStream has the attributes `density`, `temperature`, `qualityCheck_pass`, `density.weight` and `temperature.weight`. After (50.4, 30.03, true), the weights are 5.04 and 3.003.',
    },
    {
      syntax:
        "from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
      description: 'Trains `model1` on four features with the default learning rate, 0.1.',
    },
  ],
};

export const updatePerceptronClassifier: StreamFunctionImpl = {
  spec: {
    ...base,
    validate: (types, constants) => {
      if (constants[1] !== undefined) {
        return 'model.label must be an attribute of the input stream (bool, or string true/false), not a constant';
      }
      if (constants[2] !== undefined && types[2] !== 'double') {
        return `learning.rate must be a double constant, but found ${types[2]}`;
      }
      return constantFeature(constants, featureStart(constants));
    },
  },
  create(ctx) {
    requireAtMost(ctx, FN, 'model.name, model.label, learning.rate', 1);
    if (isExpression(ctx, 1)) throw creationError(FN, 'model.label must be an attribute of the input stream');
    const start = featureStart(ctx.constants);
    requireFeatureAttributes(ctx, FN, start);
    const prefix = String(ctx.constants[0]);
    const models = perceptronModels(ctx);
    let model = models.get(prefix);
    if (model === undefined) {
      model = new PerceptronModel();
      models.set(prefix, model);
    }
    const features = new Array<number>(ctx.argTypes.length - start).fill(0);
    if (start === 3) {
      const rate = Number(ctx.constants[2]);
      if (rate !== -1) model.learningRate = rate;
    }
    if (model.featureSize !== -1) {
      if (model.featureSize !== features.length) {
        throw creationError(
          FN,
          `model '${prefix}' has ${model.featureSize} features, but this call gives ${features.length}; every query of the app that names a model must give it the same number of features`,
        );
      }
    } else model.initWeights(features.length);
    const shared = model;
    const stringLabel = ctx.argTypes[1] === 'string';
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const raw = args[1];
      let label: boolean;
      if (stringLabel && typeof raw === 'string') {
        label = javaEqualsIgnoreCase(raw, 'true');
        if (!label && !javaEqualsIgnoreCase(raw, 'false')) {
          throw error(
            `the label is a string, but '${raw}' is neither true nor false: the perceptron classifies binary labels only`,
          );
        }
      } else if (typeof raw === 'boolean') label = raw;
      else throw error('the label is null');
      readFeatures(args, start, features, error);
      emit(shared.update(label, features, error));
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): PerceptronState => shared.snapshot(),
      restore: (state: unknown): void => shared.restore(asState<PerceptronState>(state, FN)),
    });
    return stateful;
  },
};
