/**
 * Trains the MNIST classifier on the train split only (8,000 digits, shifted by up to 2 px each
 * epoch), measures accuracy on the 2,000 held-out digits, and writes model.json + weights.bin +
 * metrics.json to datasets/mnist-classifier/. Usage: npx nx run mnist-classifier:train [--epochs 12]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { loadMnist } from '@stablegen/data';
import { buildMnistClassifier, DEFAULT_CLASSIFIER_DIR, predictInChunks } from '@stablegen/metrics';
import { writeFileAtomic } from '@stablegen/run-files';
import { exportLayersModel } from '@stablegen/trainer';
import { randomShift } from './augment.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const epochs = arg('epochs', 12);
const batchSize = 64;
const seed = arg('seed', 7);

const backend = await initBackend(process.argv.includes('--cpu') ? 'cpu' : 'auto');
const train = loadMnist({ split: 'train' });
const heldOut = loadMnist({ split: 'heldout' });
const n = train.x.shape[0];
const rng = createRng(seed);
const model = buildMnistClassifier(rng.nextSeed());
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const labels = Float32Array.from(train.y!.data);
const started = Date.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  if (epoch === Math.ceil(epochs * 0.75)) (model.optimizer as unknown as { learningRate: number }).learningRate = 2e-4; // fine-tune the last quarter
  const shifted = randomShift(train.x.data as Float32Array, n, rng);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  let lossSum = 0;
  for (let b = 0; b + batchSize <= n; b += batchSize) {
    const idx = order.slice(b, b + batchSize);
    const xb = tf.tensor4d(idx.flatMap((i) => Array.from(shifted.subarray(i * 784, (i + 1) * 784))), [batchSize, 28, 28, 1]);
    const yb = tf.tensor1d(idx.map((i) => labels[i]));
    const [loss] = (await model.trainOnBatch(xb, yb)) as number[];
    lossSum += loss;
    tf.dispose([xb, yb]);
  }
  console.log(`epoch ${epoch}/${epochs}  loss ${(lossSum / Math.floor(n / batchSize)).toFixed(4)}  ${((Date.now() - started) / 1000).toFixed(0)}s`);
}
const xs = tf.tensor4d(heldOut.x.data, heldOut.x.shape as [number, number, number, number]);
const probs = predictInChunks(model, xs);
xs.dispose();
let correct = 0;
for (let i = 0; i < heldOut.x.shape[0]; i++) {
  const row = probs.subarray(i * 10, i * 10 + 10);
  if (row.indexOf(Math.max(...row)) === heldOut.y!.data[i]) correct++;
}
const heldOutAccuracy = correct / heldOut.x.shape[0];
console.log(`held-out accuracy ${(heldOutAccuracy * 100).toFixed(2)}% on ${heldOut.x.shape[0]} digits`);
fs.mkdirSync(DEFAULT_CLASSIFIER_DIR, { recursive: true });
await exportLayersModel(model, DEFAULT_CLASSIFIER_DIR);
const metrics = {
  heldOutAccuracy,
  heldOutSize: heldOut.x.shape[0],
  trainSize: n,
  epochs,
  batchSize,
  seed,
  backend: backend.name,
  trainSeconds: Math.round((Date.now() - started) / 1000),
  note: 'Trained on the train split of the mnist npm package (8,000 digits, fixed split seed); accuracy on the 2,000 held-out digits.',
};
writeFileAtomic(path.join(DEFAULT_CLASSIFIER_DIR, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
console.log(`wrote ${DEFAULT_CLASSIFIER_DIR}`);
