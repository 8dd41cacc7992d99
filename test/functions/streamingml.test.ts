/**
 * The streamingml: processors (siddhi-execution-streamingml 2.0.x): the perceptron classifier and the two
 * k-means clusterers, in SiddhiQL apps on a virtual clock. Cases marked "Java:" take the apps, inputs and
 * expected values of the extension's own test cases; the others pin what the Java code does where its
 * tests say nothing (model sharing, snapshots, creation errors).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { builtinRegistry } from '../../src/engine/builtins.js';
import { SiddhiAppCreationError, type Diagnostic } from '../../src/lang/errors.js';
import { checkApp } from '../../src/lang/check/index.js';
import { parseSiddhiApp } from '../../src/lang/parser/index.js';

const manager = (lines: LogLine[] = []): SiddhiManager =>
  new SiddhiManager({ clock: 'virtual', logger: memoryLogger(lines) });

interface App {
  readonly r: SiddhiAppRuntime;
  /** The data of the current events `query` output so far; clears them. */
  take(query?: string): unknown[][];
  send(stream: string, ...rows: unknown[][]): void;
}

function app(text: string, queries: readonly string[] = ['query1'], m = manager()): App {
  const r = m.createSiddhiAppRuntime(text);
  const got = new Map<string, unknown[][]>();
  for (const q of queries) {
    const out: unknown[][] = [];
    got.set(q, out);
    r.addQueryCallback(q, (_ts, ins) => {
      for (const e of ins ?? []) out.push(e.data);
    });
  }
  r.start();
  return {
    r,
    take: (query = queries[0]!) => got.get(query)!.splice(0),
    send: (stream, ...rows) => {
      const h = r.getInputHandler(stream);
      for (const row of rows) h.send(row);
    },
  };
}

/** The diagnostics of an app that fails at creation. */
function creationErrors(text: string): readonly Diagnostic[] {
  try {
    manager().createSiddhiAppRuntime(text);
  } catch (e) {
    if (e instanceof SiddhiAppCreationError) return e.diagnostics;
    throw e;
  }
  assert.fail(`expected the app to fail at creation:\n${text}`);
}

/** The 22 two-dimensional points of the Java k-means tests. */
const POINTS: readonly (readonly [number, number])[] = [
  [5.7905, 7.7499],
  [27.458, 23.8848],
  [3.078, 9.1072],
  [28.326, 26.7484],
  [2.2602, 4.6408],
  [27.3099, 26.1816],
  [0.9441, 0.6502],
  [23.9204, 27.6745],
  [2.0499, 9.9546],
  [23.7947, 20.8627],
  [5.8456, 6.8879],
  [26.7315, 25.5368],
  [5.8812, 5.9116],
  [24.5343, 26.77],
  [4.3866, 0.3132],
  [22.7654, 25.1381],
  [7.7824, 9.2299],
  [23.5167, 24.1244],
  [5.3086, 9.7503],
  [25.47, 25.8574],
  [20.2568, 28.7882],
  [2.9951, 3.9887],
];

const XY = 'define stream InputStream (x double, y double);\n';

/** The closest centroid coordinates (the first two attributes) of each output of `query`, for `points`. */
function centroids(query: string, points: readonly (readonly number[])[]): unknown[][] {
  const a = app(
    `${XY}@info(name = 'query1') from InputStream#streamingml:${query} select closestCentroidCoordinate1, closestCentroidCoordinate2, x, y insert into OutputStream;`,
  );
  a.send('InputStream', ...points.map((p) => [...p]));
  void a.r.shutdown();
  return a.take().map((row) => row.slice(0, 2));
}

/** Outputs `n` (1-based, as the Java tests count) of `out`. */
const at = (out: readonly unknown[][], ...n: number[]): unknown[][] => n.map((i) => out[i - 1]!);

const STRING_LABELS =
  'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double, attribute_4 string);\n';
const BOOL_LABELS =
  'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double, attribute_4 bool);\n';

const TRAIN =
  "@App:name('PerceptronTestApp')\ndefine stream StreamTrain (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double, attribute_4 string);\n" +
  'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double);\n' +
  "@info(name = 'query-train') from StreamTrain#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.1, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into trainOutputStream;\n";

const TRAINING: readonly unknown[][] = [
  [1.0, 1.0, 0.2, 0.13, 'true'],
  [0.9, 0.89, 0.3, 0.02, 'true'],
  [0.0, 0.0, 1.0, 0.82, 'false'],
  [0.01, 0.4, 0.77, 0.92, 'false'],
  [0.8, 0.81, 0.11, 0.13, 'true'],
  [0.02, 0.3, 0.88, 0.76, 'false'],
  [0.93, 0.71, 0.02, 0.122, 'true'],
  [0.29, 0.24, 0.98, 0.65, 'false'],
];

const DRIFT: readonly unknown[][] = [
  [0.88, 1.0, 0.2, 0.13, 'false'],
  [0.9, 0.79, 0.3, 0.02, 'false'],
  [0.0, 0.0, 0.9, 0.72, 'true'],
  [0.01, 0.4, 0.87, 0.62, 'true'],
  [0.9, 0.91, 0.11, 0.13, 'false'],
  [0.02, 0.3, 0.88, 0.66, 'true'],
  [0.83, 0.79, 0.02, 0.122, 'false'],
  [0.29, 0.24, 0.98, 0.77, 'true'],
];

const UNSEEN: readonly unknown[][] = [
  [0.8, 0.67, 0.1, 0.03],
  [0.33, 0.23, 0.632, 0.992],
];

describe('streamingml:updatePerceptronClassifier — the Java test cases', () => {
  test('Java: string labels, learning rate 0.01: the weights after each event', () => {
    const a = app(
      STRING_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.01, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
    );
    a.send(
      'StreamA',
      [0.1, 0.8, 0.2, 0.03, 'true'],
      [0.2, 0.95, 0.22, 0.1, 'true'],
      [0.8, 0.1, 0.65, 0.92, 'false'],
      [0.75, 0.1, 0.58, 0.71, 'false'],
    );
    assert.deepEqual(a.take(), [
      [0.1, 0.8, 0.2, 0.03, 'true', 0.001, 0.008, 0.002, 3.0e-4],
      [0.2, 0.95, 0.22, 0.1, 'true', 0.003, 0.0175, 0.004200000000000001, 0.0013],
      [0.8, 0.1, 0.65, 0.92, 'false', 0.003, 0.0175, 0.004200000000000001, 0.0013],
      [0.75, 0.1, 0.58, 0.71, 'false', 0.003, 0.0175, 0.004200000000000001, 0.0013],
    ]);
  });

  test('Java: bool labels and the default learning rate, 0.1; a label that was misclassified moves the weights back', () => {
    const a = app(
      BOOL_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
    );
    a.send(
      'StreamA',
      [0.1, 0.8, 0.2, 0.03, true],
      [0.8, 0.1, 0.65, 0.92, false],
      [0.2, 0.95, 0.22, 0.1, true],
      [0.75, 0.1, 0.58, 0.71, false],
    );
    assert.deepEqual(at(a.take(), 3), [
      [
        0.2,
        0.95,
        0.22,
        0.1,
        true,
        0.030000000000000006,
        0.17500000000000002,
        0.04200000000000001,
        0.013000000000000001,
      ],
    ]);
  });

  test('Java: one feature; an int feature reads as a double', () => {
    const one = app(
      BOOL_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, attribute_0)\ninsert all events into outputStream;",
    );
    one.send('StreamA', [0.1, 0.8, 0.2, 0.03, true], [0.8, 0.1, 0.65, 0.92, false], [0.2, 0.95, 0.22, 0.1, true]);
    assert.deepEqual(at(one.take(), 3), [[0.2, 0.95, 0.22, 0.1, true, 0.030000000000000006]]);

    const ints = app(
      'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 int, attribute_3 double, attribute_4 string);\n' +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.01, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
    );
    ints.send(
      'StreamA',
      [0.1, 0.8, 1, 0.03, 'true'],
      [0.2, 0.95, 2, 0.1, 'true'],
      [0.8, 0.1, 1, 0.92, 'false'],
      [0.75, 0.1, 3, 0.71, 'false'],
    );
    assert.deepEqual(at(ints.take(), 3), [[0.8, 0.1, 1, 0.92, 'false', 0.003, 0.0175, 0.03, 0.0013]]);
  });

  test('Java: a string label other than true or false is an error for the event; the case of true/false does not matter', () => {
    const lines: LogLine[] = [];
    const a = app(
      STRING_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.01, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
      ['query1'],
      manager(lines),
    );
    a.send('StreamA', [0.1, 0.8, 0.2, 0.03, 'truee']);
    assert.deepEqual(a.take(), []);
    assert.match(lines.map((l) => l.msg).join('\n'), /'truee' is neither true nor false/);
    a.send('StreamA', [0.1, 0.8, 0.2, 0.03, 'TRUE'], [0.1, 0.8, 0.2, 0.03, 'False']);
    assert.deepEqual(a.take(), [
      [0.1, 0.8, 0.2, 0.03, 'TRUE', 0.001, 0.008, 0.002, 3.0e-4],
      [0.1, 0.8, 0.2, 0.03, 'False', 0.001, 0.008, 0.002, 3.0e-4],
    ]);
  });

  test('a null feature or label is an error for the event', () => {
    const lines: LogLine[] = [];
    const a = app(
      BOOL_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('m', attribute_4, attribute_0, attribute_1)\ninsert into O;",
      ['query1'],
      manager(lines),
    );
    a.send('StreamA', [0.1, null, 0.2, 0.03, true], [0.1, 0.8, 0.2, 0.03, null]);
    assert.deepEqual(a.take(), []);
    const errors = lines.filter((l) => l.level === 'error').map((l) => l.msg);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /model.feature 2 \(argument 4\) is null/);
    assert.match(errors[1]!, /the label is null/);
  });

  test('the weights are named after the features: <feature>.weight', () => {
    const text =
      "@App:name('streaming-perceptron')\ndefine stream ProductionTrainStream (density double, temperature double, qualityCheck_pass bool);\n" +
      "@info(name = 'query-train') from ProductionTrainStream#streamingml:updatePerceptronClassifier('QCmodel', qualityCheck_pass, 0.1, density, temperature)\nselect *\ninsert into trainOutputStream;\n" +
      "@info(name = 'no-rate') from ProductionTrainStream#streamingml:updatePerceptronClassifier('QCmodel', qualityCheck_pass, temperature, density)\nselect *\ninsert into noRateStream;";
    const checked = checkApp(parseSiddhiApp(text).app!, builtinRegistry());
    assert.deepEqual(checked.diagnostics, []);
    const names = (id: string): string[] => checked.schemas.get(id)!.attributes.map((x) => x.name);
    assert.deepEqual(names('trainOutputStream'), [
      'density',
      'temperature',
      'qualityCheck_pass',
      'density.weight',
      'temperature.weight',
    ]);
    assert.deepEqual(names('noRateStream').slice(3), ['temperature.weight', 'density.weight']);
    const a = app(text, ['query-train']);
    a.send('ProductionTrainStream', [50.4, 30.03, true]);
    assert.deepEqual(a.take(), [[50.4, 30.03, true, 5.04, 3.003]]);
  });
});

describe('streamingml:perceptronClassifier — the Java test cases', () => {
  test('Java: trained, then classifying, then trained away and classifying again', () => {
    const a = app(
      TRAIN +
        "@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', 0.0, 0.5, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
    );
    a.send('StreamTrain', ...TRAINING);
    a.send('StreamA', ...UNSEEN);
    a.send('StreamTrain', ...DRIFT);
    a.send('StreamA', ...UNSEEN);
    assert.deepEqual(a.take(), [
      [0.8, 0.67, 0.1, 0.03, true, 0.5263760000000001],
      [0.33, 0.23, 0.632, 0.992, false, 0.2779144],
      [0.8, 0.67, 0.1, 0.03, false, 0.333926],
      [0.33, 0.23, 0.632, 0.992, true, 0.5128304],
    ]);
  });

  for (const args of ['0.0, ', '']) {
    test(`Java: ${args === '' ? 'no bias and no threshold' : 'a bias without a threshold'}: the defaults`, () => {
      const a = app(
        TRAIN +
          `@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', ${args}attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;`,
      );
      a.send('StreamTrain', ...TRAINING);
      a.send('StreamA', ...UNSEEN);
      assert.deepEqual(a.take(), [
        [0.8, 0.67, 0.1, 0.03, true, 0.5263760000000001],
        [0.33, 0.23, 0.632, 0.992, false, 0.2779144],
      ]);
    });
  }

  test('the threshold decides the prediction; the score is the confidence level', () => {
    const a = app(
      TRAIN +
        "@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', 0.0, 0.55, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert into outputStream;",
    );
    a.send('StreamTrain', ...TRAINING);
    a.send('StreamA', ...UNSEEN);
    assert.deepEqual(a.take(), [
      [0.8, 0.67, 0.1, 0.03, false, 0.5263760000000001],
      [0.33, 0.23, 0.632, 0.992, false, 0.2779144],
    ]);
  });
});

describe('streamingml: perceptron models are shared by the queries of an app, and by no other app', () => {
  test('a bias set by the classifier is the model’s: training uses it too', () => {
    const text = (bias: string): string =>
      BOOL_LABELS +
      'define stream Q (a double, b double);\n' +
      "@info(name = 'train') from StreamA#streamingml:updatePerceptronClassifier('m', attribute_4, attribute_0, attribute_1) insert into T;\n" +
      `@info(name = 'classify') from Q#streamingml:perceptronClassifier('m', ${bias}, a, b) insert into P;`;
    // With a bias of 1.0 the untrained model already scores true above the 0.5 threshold: a true label does not train it.
    const biased = app(text('1.0'), ['train', 'classify']);
    biased.send('StreamA', [0.5, 0.25, 0, 0, true]);
    assert.deepEqual(biased.take('train'), [[0.5, 0.25, 0, 0, true, 0, 0]]);
    const plain = app(text('0.0'), ['train', 'classify']);
    plain.send('StreamA', [0.5, 0.25, 0, 0, true]);
    assert.deepEqual(plain.take('train'), [[0.5, 0.25, 0, 0, true, 0.05, 0.025]]);
    // -1.0 counts as not given, as in Siddhi: the bias stays 0.0.
    const sentinel = app(text('-1.0'), ['train', 'classify']);
    sentinel.send('StreamA', [0.5, 0.25, 0, 0, true]);
    sentinel.send('Q', [1, 1]);
    assert.deepEqual(sentinel.take('classify'), [[1, 1, false, 0.07500000000000001]]);
  });

  test('two training queries of an app train one model', () => {
    const a = app(
      BOOL_LABELS +
        "@info(name = 'one') from StreamA[attribute_2 == 1.0]#streamingml:updatePerceptronClassifier('m', attribute_4, 0.5, attribute_0, attribute_1) insert into T;\n" +
        "@info(name = 'two') from StreamA[attribute_2 == 2.0]#streamingml:updatePerceptronClassifier('m', attribute_4, attribute_0, attribute_1) insert into T;",
      ['one', 'two'],
    );
    a.send('StreamA', [1, 2, 1.0, 0, true], [1, 2, 2.0, 0, false], [0.5, 0.5, 2.0, 0, true]);
    assert.deepEqual(a.take('one'), [[1, 2, 1.0, 0, true, 0.5, 1]]);
    // The second query trains the same model, at the learning rate the first set (0.5).
    assert.deepEqual(a.take('two'), [
      [1, 2, 2.0, 0, false, 0, 0],
      [0.5, 0.5, 2.0, 0, true, 0.25, 0.25],
    ]);
  });

  test('Java: a query that gives the model another number of features fails the creation, at the query', () => {
    const diags = creationErrors(
      TRAIN +
        "@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', 0.0, 0.5,\nattribute_0, attribute_1, attribute_2)\ninsert all events into outputStream;",
    );
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.message, /model 'model1' has 4 features, but this call gives 3/);
    assert.equal(diags[0]!.line, 6);
    const twice = creationErrors(
      BOOL_LABELS +
        "from StreamA#streamingml:updatePerceptronClassifier('m', attribute_4, attribute_0, attribute_1) insert into T;\n" +
        "from StreamA#streamingml:updatePerceptronClassifier('m', attribute_4, attribute_0) insert into T2;",
    );
    assert.match(twice[0]!.message, /model 'm' has 2 features, but this call gives 1/);
    assert.equal(twice[0]!.line, 3);
  });

  test('Java: a classifier before the query that trains its model fails the creation', () => {
    const diags = creationErrors(
      "@App:name('PerceptronTestApp')\ndefine stream StreamTrain (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double, attribute_4 string);\n" +
        'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double);\n' +
        "@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;\n" +
        "@info(name = 'query-train') from StreamTrain#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.1, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into trainOutputStream;",
    );
    assert.match(diags[0]!.message, /model 'model1' of app 'PerceptronTestApp' is not built/);
    assert.equal(diags[0]!.line, 4);
  });

  test('Java: two apps name a model alike: each has its own, of its own size', async () => {
    const m = manager();
    const first = app(
      "@App:name('PerceptronTestApp1')\n" +
        BOOL_LABELS +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, attribute_0, attribute_1, attribute_2, attribute_3) insert into T;",
      ['query1'],
      m,
    );
    const second = app(
      "@App:name('PerceptronTestApp2')\ndefine stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 bool);\n" +
        "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_3, 0.5, attribute_0, attribute_1, attribute_2) insert into T;",
      ['query1'],
      m,
    );
    first.send('StreamA', [1, 1, 1, 1, true]);
    second.send('StreamA', [1, 1, 1, true]);
    first.send('StreamA', [1, 1, 1, 1, true]);
    assert.deepEqual(first.take(), [
      [1, 1, 1, 1, true, 0.1, 0.1, 0.1, 0.1],
      [1, 1, 1, 1, true, 0.2, 0.2, 0.2, 0.2],
    ]);
    assert.deepEqual(second.take(), [[1, 1, 1, true, 0.5, 0.5, 0.5]]);
    // A classifier names no model another app trains.
    const diags = creationErrors(
      "@App:name('PerceptronTestApp3')\ndefine stream Q (a double, b double, c double, d double);\nfrom Q#streamingml:perceptronClassifier('model1', a, b, c, d) insert into P;",
    );
    assert.match(diags[0]!.message, /model 'model1' of app 'PerceptronTestApp3' is not built/);
    await m.shutdown();
  });

  test('in a partition, the queries of every key train and use the one model', () => {
    const a = app(
      'define stream S (k string, a double, b double, label bool);\n' +
        "partition with (k of S) begin\n@info(name = 'train') from S#streamingml:updatePerceptronClassifier('m', label, a, b) insert into T;\nend;",
      ['train'],
    );
    a.send('S', ['x', 1, 1, true], ['y', 1, 1, true], ['x', 1, 1, true]);
    assert.deepEqual(
      a.take('train').map((r) => r.slice(4)),
      [
        [0.1, 0.1],
        [0.2, 0.2],
        [0.30000000000000004, 0.30000000000000004],
      ],
    );
  });
});

describe('streamingml:kMeansIncremental — the Java test cases', () => {
  test('Java: decay rate 0.2: the first event starts the model (nulls), the next are placed before training', () => {
    const out = centroids('kMeansIncremental(2, 0.2, x, y)', POINTS);
    assert.equal(out.length, 22);
    assert.deepEqual(at(out, 1, 2, 3, 4, 5), [
      [null, null],
      [5.7905, 7.7499],
      [5.7905, 7.7499],
      [27.458, 23.8848],
      [5.248, 8.0214],
    ]);
    assert.deepEqual(at(out, 20, 21, 22), [
      [24.967, 24.913],
      [25.0676, 25.1019],
      [5.1086, 6.8634],
    ]);
  });

  test('Java: the default decay rate, 0.01', () => {
    const out = centroids('kMeansIncremental(2, x, y)', POINTS);
    assert.deepEqual(at(out, 20, 21, 22), [
      [27.2744, 23.9992],
      [27.2564, 24.0178],
      [5.654, 7.6232],
    ]);
  });

  test('Java: int and float values are read as doubles', () => {
    const out = centroids('kMeansIncremental(2, 0.2, x, y)', [
      [5, 7],
      [Math.fround(27.458), Math.fround(23.8848)],
      [3.078, 9.1072],
      [8, 26.7484],
      [2.2602, 4.6408],
    ]);
    assert.deepEqual(at(out, 3, 4, 5), [
      [5.0, 7.0],
      [4.6156, 7.4214],
      [5.2925, 11.2868],
    ]);
  });

  test('Java: a repeated first point is not taken as a second centroid', () => {
    const out = centroids('kMeansIncremental(2, 0.2, x, y)', [POINTS[0]!, ...POINTS.slice(0, 5)]);
    assert.deepEqual(at(out, 4, 5, 6), [
      [5.7905, 7.7499],
      [27.458, 23.8848],
      [5.248, 8.0214],
    ]);
  });

  test('Java: two very close first points drift apart as the stream goes on', () => {
    const out = centroids('kMeansIncremental(2, 0.2, x, y)', [POINTS[0]!, [5.7907, 7.7501], ...POINTS.slice(1)]);
    assert.deepEqual(at(out, 21, 22, 23), [
      [22.0589, 22.7474],
      [22.7411, 23.3694],
      [5.1086, 6.8634],
    ]);
  });

  test('the distance to the closest centroid is appended first, rounded to 4 decimals; one coordinate per feature', () => {
    const a = app(
      'define stream P (x double, y double, z int);\n' +
        "@info(name = 'query1') from P#streamingml:kMeansIncremental(1, 0.5, x, y, z) select * insert into O;",
    );
    a.send('P', [0, 0, 0], [3, 4, 0], [1.23456, 0, 1]);
    assert.deepEqual(a.take(), [
      [0, 0, 0, null, null, null, null],
      [3, 4, 0, 5, 0, 0, 0],
      [1.23456, 0, 1, 2.2518, 1.5, 2, 0],
    ]);
  });

  test('k is not checked, as in Siddhi: with 0 every event is an error, with -1 every event after the first', () => {
    for (const [k, passed] of [
      [0, 0],
      [-1, 1],
    ] as const) {
      const lines: LogLine[] = [];
      const a = app(
        `define stream P (x double);\n@info(name = 'query1') from P#streamingml:kMeansIncremental(${k}, x) select * insert into O;`,
        ['query1'],
        manager(lines),
      );
      a.send('P', [1], [2], [3]);
      assert.equal(a.take().length, passed, `k = ${k}`);
      assert.equal(lines.filter((l) => l.level === 'error').length, 3 - passed, `k = ${k}`);
    }
  });

  test('the model is kept per partition key', () => {
    const a = app(
      'define stream S (k string, x double);\n' +
        "partition with (k of S) begin\n@info(name = 'query1') from S#streamingml:kMeansIncremental(1, 0.5, x) select k, closestCentroidCoordinate1 as c insert into O;\nend;",
    );
    a.send('S', ['a', 0], ['b', 10], ['a', 2], ['b', 12], ['a', 4]);
    assert.deepEqual(a.take(), [
      ['a', null],
      ['b', null],
      ['a', 0],
      ['b', 10],
      ['a', 1],
    ]);
  });
});

describe('streamingml:kMeansMiniBatch — the Java test cases', () => {
  for (const query of ['kMeansMiniBatch(2, 0.2, 10, 20, x, y)', 'kMeansMiniBatch(2, x, y)']) {
    test(`Java: ${query}: nulls until the first batch of 20 trains the model`, () => {
      const out = centroids(query, POINTS);
      assert.equal(out.length, 22);
      assert.deepEqual(
        out.slice(0, 20),
        Array.from({ length: 20 }, () => [null, null]),
      );
      assert.deepEqual(at(out, 21, 22), [
        [25.3827, 25.2779],
        [4.3327, 6.4196],
      ]);
    });
  }

  test('later batches blend the centroids by the decay rate', () => {
    // Batches of 4: the first clusters, the second moves each centroid 0.5 of the way to its batch mean.
    const a = app(
      'define stream P (x double);\n' +
        "@info(name = 'query1') from P#streamingml:kMeansMiniBatch(2, 0.5, 10, 4, x) select x, closestCentroidCoordinate1 as c insert into O;",
    );
    a.send('P', [0], [1], [10], [11], [2], [3], [12], [13], [0]);
    assert.deepEqual(a.take(), [
      [0, null],
      [1, null],
      [10, null],
      [11, null],
      [2, 0.5],
      [3, 0.5],
      [12, 10.5],
      [13, 10.5],
      [0, 1.5],
    ]);
  });
});

describe('streamingml: a restored app continues as an uninterrupted one', () => {
  const cases: [string, string, string[], [string, unknown[]][], number][] = [
    [
      'perceptron training and classifying',
      TRAIN +
        "@info(name = 'query1') from StreamA#streamingml:perceptronClassifier('model1', 0.0, 0.5, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;",
      ['query-train', 'query1'],
      [
        ...TRAINING.map((r): [string, unknown[]] => ['StreamTrain', [...r]]),
        ...UNSEEN.map((r): [string, unknown[]] => ['StreamA', [...r]]),
        ...DRIFT.map((r): [string, unknown[]] => ['StreamTrain', [...r]]),
        ...UNSEEN.map((r): [string, unknown[]] => ['StreamA', [...r]]),
      ],
      9,
    ],
    [
      'kMeansIncremental',
      `@App:name('KMeansIncrementalRestore')\n${XY}@info(name = 'query1') from InputStream#streamingml:kMeansIncremental(2, 0.2, x, y) select * insert into O;`,
      ['query1'],
      POINTS.map((p) => ['InputStream', [...p]]),
      11,
    ],
    [
      'kMeansMiniBatch, with a batch half taken',
      `@App:name('KMeansMiniBatchRestore')\n${XY}@info(name = 'query1') from InputStream#streamingml:kMeansMiniBatch(2, 0.2, 10, 6, x, y) select * insert into O;`,
      ['query1'],
      POINTS.map((p) => ['InputStream', [...p]]),
      15,
    ],
  ];
  for (const [name, text, queries, events, cut] of cases) {
    test(name, async () => {
      const run = (a: App, from: number, to: number): void => {
        for (const [s, row] of events.slice(from, to)) a.send(s, row);
      };
      const outputs = (a: App): unknown[][][] => queries.map((q) => a.take(q));
      const whole = app(text, queries);
      run(whole, 0, events.length);
      const expected = outputs(whole);
      const first = app(text, queries);
      run(first, 0, cut);
      const before = outputs(first);
      const bytes = first.r.snapshot();
      // Events after the snapshot change the first runtime's model, not the snapshot.
      run(first, cut, events.length);
      await first.r.shutdown();
      const second = app(text, queries);
      second.r.restore(bytes);
      run(second, cut, events.length);
      const after = outputs(second);
      assert.deepEqual(
        queries.map((_, i) => [...before[i]!, ...after[i]!]),
        expected,
      );
      await whole.r.shutdown();
      await second.r.shutdown();
    });
  }

  test('Java: the weights persisted after one event come back in a new runtime of the app', async () => {
    const text =
      "@App:name('PerceptronTestApp')\n" +
      BOOL_LABELS +
      "@info(name = 'query1') from StreamA#streamingml:updatePerceptronClassifier('model1', attribute_4, 0.01, attribute_0, attribute_1, attribute_2, attribute_3)\ninsert all events into outputStream;";
    const first = app(text);
    first.send('StreamA', [0.1, 0.8, 0.2, 0.03, true]);
    const bytes = first.r.snapshot();
    first.send('StreamA', [0.8, 0.1, 0.65, 0.92, false], [0.2, 0.95, 0.22, 0.1, true], [0.75, 0.1, 0.58, 0.71, false]);
    await first.r.shutdown();
    const second = app(text);
    second.r.restore(bytes);
    second.send('StreamA', [0.8, 0.1, 0.65, 0.92, false]);
    assert.deepEqual(second.take(), [[0.8, 0.1, 0.65, 0.92, false, 0.001, 0.008, 0.002, 3.0e-4]]);
    // Without the restore, the new runtime starts from a new model.
    const fresh = app(text);
    fresh.send('StreamA', [0.1, 0.8, 0.2, 0.03, true]);
    assert.deepEqual(fresh.take(), [[0.1, 0.8, 0.2, 0.03, true, 0.001, 0.008, 0.002, 3.0e-4]]);
    await second.r.shutdown();
    await fresh.r.shutdown();
  });
});

describe('streamingml: creation errors, at the line of the call or the query', () => {
  const cases: [string, string, RegExp][] = [
    // Java: PerceptronClassifierUpdater test cases
    [
      STRING_LABELS,
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, 1, attribute_0, attribute_1, attribute_2, attribute_3) insert into O;",
      /learning.rate must be a double constant, but found int/,
    ],
    [
      'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 int, attribute_4 string);\n',
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, 1.0, attribute_0, attribute_1, attribute_2, attribute_3, attribute_0) select attribute_0 insert into O;",
      /takes at most 7 arguments on this input stream .* but got 8/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, 1.0, attribute_0, attribute_1, attribute_2, 2) insert into O;",
      /argument 7 \(model.feature\) must be an attribute of the input stream, not a constant/,
    ],
    [
      STRING_LABELS,
      'from StreamA#streamingml:updatePerceptronClassifier(attribute_4, attribute_4, attribute_0, attribute_1) insert into O;',
      /'model.name'.* must be a constant/,
    ],
    [
      'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 double, attribute_4 int);\n',
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, 0.01, attribute_0, attribute_1) insert into O;",
      /'model.label'.* must be bool or string, but found int/,
    ],
    [
      'define stream StreamA (attribute_0 double, attribute_1 double, attribute_2 double, attribute_3 bool, attribute_4 string);\n',
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, 0.01, attribute_0, attribute_3) insert into O;",
      /'model.feature'.* must be double, float, int or long, but found bool/,
    ],
    [STRING_LABELS, 'from StreamA#streamingml:updatePerceptronClassifier() insert into O;', /fix the argument count/],
    [
      STRING_LABELS,
      "from StreamA#streamingml:updatePerceptronClassifier('m1', 'true', attribute_0) insert into O;",
      /model.label must be an attribute of the input stream/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:updatePerceptronClassifier('m1', attribute_4, attribute_0 * 2) insert into O;",
      /argument 3 \(model.feature\) must be an attribute of the input stream, not an expression/,
    ],
    // Java: PerceptronClassifier test cases
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('model1', 0.0, 1.1, attribute_0, attribute_1) insert into O;",
      /model.threshold must be between 0 and 1 \(both excluded\), but found 1.1/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('model1', 0.0, -0.1, attribute_0, attribute_1) insert into O;",
      /but found -0.1/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('model1', 2, 0.5, attribute_0, attribute_1) insert into O;",
      /model.bias must be a double constant, but found int/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('model1', 0.0, 2, attribute_0) insert into O;",
      /model.threshold must be a double constant, but found int/,
    ],
    [
      STRING_LABELS,
      'from StreamA#streamingml:perceptronClassifier(0.2, 0.0, attribute_0) insert into O;',
      /'model.name'.* must be string, but found double/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('m1', 0.0, attribute_0, attribute_1, 2) insert into O;",
      /argument 5 \(model.feature\) must be an attribute/,
    ],
    [
      STRING_LABELS,
      "from StreamA#streamingml:perceptronClassifier('m1', 0.0) insert into O;",
      /must follow model.bias/,
    ],
    // Java: KMeansIncremental / KMeansMiniBatch test cases
    [
      'define stream InputStream (x double, y double, numberOfClusters int);\n',
      'from InputStream#streamingml:kMeansIncremental(numberOfClusters, 0.2, x, y) insert into O;',
      /'no.of.clusters'.* must be a constant/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansIncremental(2, 0.2, 5.0, y) insert into O;',
      /argument 3 \(model.feature\)/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansIncremental(2, 0.2, x, 4.0) insert into O;',
      /argument 4 \(model.feature\)/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansIncremental(2, 1L, x, y) insert into O;',
      /decay.rate must be a double constant, but found long/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansIncremental(2, 1.4, x, y) insert into O;',
      /decay.rate must be in \[0, 1\], but found 1.4/,
    ],
    [XY, 'from InputStream#streamingml:kMeansIncremental(2, -0.3, x, y) insert into O;', /but found -0.3/],
    [
      XY,
      "from InputStream#streamingml:kMeansIncremental('hi', 0.3, x, y) insert into O;",
      /'no.of.clusters'.* must be int, but found string/,
    ],
    [XY, 'from InputStream#streamingml:kMeansIncremental(2, 0.2, x, y, x) insert into O;', /takes at most 4 arguments/],
    [XY, 'from InputStream#streamingml:kMeansIncremental(2, x + 1, y) insert into O;', /decay.rate must be a constant/],
    [
      'define stream InputStream (x double, y double, maximumIterations int);\n',
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.2, maximumIterations, 20, x, y) insert into O;',
      /maximum.iterations must be a constant/,
    ],
    [
      'define stream InputStream (x double, y double, numberOfEventsToRetrain int);\n',
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.2, 10, numberOfEventsToRetrain, x, y) insert into O;',
      /no.of.events.to.retrain must be a constant/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.2, 10, 20, 5.0, y) insert into O;',
      /argument 5 \(model.feature\)/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.2, 10, 20, x, 5.0) insert into O;',
      /argument 6 \(model.feature\)/,
    ],
    [
      XY,
      "from InputStream#streamingml:kMeansMiniBatch(2, 'hi', 10, 20, x, y) insert into O;",
      /must be double, float, int or long, but found string/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 1.4, 10, 20, x, y) insert into O;',
      /decay.rate must be in \[0, 1\], but found 1.4/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2.1, 0.3, 10, 20, x, y) insert into O;',
      /must be int, but found double/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.3, 10, 1L, x, y) insert into O;',
      /no.of.events.to.retrain must be an int constant, but found long/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.3, 0, 20, x, y) insert into O;',
      /maximum.iterations must be a positive int, but found 0/,
    ],
    [
      XY,
      'from InputStream#streamingml:kMeansMiniBatch(2, 0.2, x, y) insert into O;',
      /give decay.rate, maximum.iterations and no.of.events.to.retrain, all three constants, or none/,
    ],
  ];
  for (const [defs, query, message] of cases) {
    test(query, () => {
      const diags = creationErrors(defs + query);
      assert.match(diags.map((d) => d.message).join('\n'), message);
      assert.equal(diags[0]!.line, defs.split('\n').length);
    });
  }

  test('the processors Tributary does not have are unknown extensions', () => {
    const diags = creationErrors(
      `${XY}from InputStream#streamingml:hoeffdingTreeClassifier('model1', x, y) insert into O;`,
    );
    assert.match(diags[0]!.message, /^unknown extension 'streamingml:hoeffdingTreeClassifier'/);
  });
});
