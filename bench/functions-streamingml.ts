/**
 * The streamingml: processors per event, in events per second (median of 5), each beside plain JavaScript
 * doing the same math: #streamingml:perceptronClassifier on four features (a dot product, a bias and a
 * threshold), and #streamingml:kMeansIncremental on two features and three clusters (the closest centroid,
 * then the centroid blended towards the point, distances and coordinates rounded to 4 decimals). The plain
 * loop updates the centroid in closed form; the processor follows the Java code's steps (a two-iteration
 * k-means on the point), which gives the same centroids.
 * npx tsc -p tsconfig.bench.json && node .bench-build/bench/functions-streamingml.js [--quick]
 */
import { runFunctionBench } from './function-bench.js';

// The training stream is not fed: the weights stay 0, which costs the classifier the same as any others.
const CLASSIFY_APP = `
define stream T (a double, b double, c double, d double, label bool);
define stream S (a double, b double, c double, d double);
@info(name='train') from T#streamingml:updatePerceptronClassifier('m', label, 0.1, a, b, c, d) insert into W;
@info(name='q') from S#streamingml:perceptronClassifier('m', 0.25, 0.5, a, b, c, d)
select a, prediction, confidenceLevel insert into Out;`;

const KMEANS_APP = `
define stream S (x double, y double);
@info(name='q') from S#streamingml:kMeansIncremental(3, 0.05, x, y)
select x, y, euclideanDistanceToClosestCentroid, closestCentroidCoordinate1, closestCentroidCoordinate2 insert into Out;`;

const features: unknown[][] = [];
for (let i = 0; i < 1000; i++) features.push([(i % 7) / 7, (i % 11) / 11, (i % 13) / 13, (i % 17) / 17]);

// Three clouds of points, visited in turn.
const points: unknown[][] = [];
for (let i = 0; i < 1000; i++) {
  const cloud = i % 3;
  points.push([cloud * 20 + ((i * 37) % 100) / 25, cloud * 10 + ((i * 53) % 100) / 25]);
}

function classifyBaseline(n: number): void {
  const weights = [0, 0, 0, 0];
  const bias = 0.25;
  let sink: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e = features[i % 1000]!;
    let score = 0;
    for (let j = 0; j < 4; j++) score += (e[j] as number) * weights[j]!;
    score += bias;
    sink = [e[0], score > 0.5, score];
  }
  if (sink.length !== 3) throw new Error('loop');
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000 + 0;

function kMeansBaseline(n: number): void {
  const centroids: number[][] = [];
  const decay = 0.05;
  let sink: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e = points[i % 1000]!;
    const x = e[0] as number;
    const y = e[1] as number;
    let best = -1;
    let min = Infinity;
    for (let c = 0; c < centroids.length; c++) {
      const dx = centroids[c]![0]! - x;
      const dy = centroids[c]![1]! - y;
      const d = round4(Math.sqrt(dx * dx + dy * dy));
      if (d < min) {
        min = d;
        best = c;
      }
    }
    const closest = centroids[best];
    sink = closest ? [x, y, min, closest[0], closest[1]] : [x, y, null, null, null];
    if (centroids.length < 3 && !centroids.some((c) => c[0] === x && c[1] === y)) {
      centroids.push([x, y]);
      best = centroids.length - 1;
    }
    // Once there are three, the closest centroid (the point itself when it just became one) moves towards it.
    if (centroids.length === 3) {
      const c = centroids[best]!;
      centroids[best] = [
        round4((1 - decay) * c[0]! + decay * round4(x)),
        round4((1 - decay) * c[1]! + decay * round4(y)),
      ];
    }
  }
  if (sink.length !== 5) throw new Error('loop');
}

runFunctionBench({
  label: 'streamingml:perceptronClassifier (4 features)',
  app: CLASSIFY_APP,
  events: features,
  expectedOutputs: (n) => n + n / 10,
  baseline: classifyBaseline,
});

runFunctionBench({
  label: 'streamingml:kMeansIncremental (2 features, 3 clusters)',
  app: KMEANS_APP,
  events: points,
  expectedOutputs: (n) => n + n / 10,
  baseline: kMeansBaseline,
});
