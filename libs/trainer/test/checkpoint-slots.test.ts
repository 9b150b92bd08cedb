/**
 * Optimiser slots across processes: a resumed process builds its models anew, so tfjs-layers'
 * name counters give its variables other names than the process that wrote the checkpoint. The
 * restored Adam moments must be named after the new variables (`<variable>/m`, `<variable>/v`):
 * the stability monitor finds them by those names (its preconditioned sharpness).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@stablegen/backend';
import { beforeAll, expect, test } from 'vitest';
import { collectTensors, readCheckpoint, restoreTensors, writeCheckpoint } from '../src/index.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const net = () => tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 3, activation: 'relu' }), tfl.layers.dense({ units: 1 })] });
const variableNames = (m: tfl.LayersModel) => m.weights.map((w) => (w.read() as tf.Variable).name);

function stepOnce(model: tfl.LayersModel, opt: tf.Optimizer): void {
  tf.tidy(() => {
    const x = tf.tensor2d([[1, 2], [3, -1]]);
    opt.minimize(() => tf.mean(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar);
  });
}

test('restored Adam slots are named after the resumed process\'s own variables, through a checkpoint on disk', async () => {
  const [first, optFirst] = [net(), tf.train.adam(0.01)];
  stepOnce(first, optFirst);
  const extra = tf.variable(tf.zeros([2]), true, 'loose_vector');
  const dir = writeCheckpoint(fs.mkdtempSync(path.join(os.tmpdir(), 'slots-')), { step: 1, tensors: await collectTensors({ models: { net: first }, optimizers: { adam: optFirst }, variables: { loose: extra } }), state: {} });

  const [second, optSecond] = [net(), tf.train.adam(0.01)]; // a new process: same layers, other names
  expect(variableNames(second)).not.toEqual(variableNames(first));
  await restoreTensors({ models: { net: second }, optimizers: { adam: optSecond }, variables: { loose: extra } }, readCheckpoint(dir).tensors);
  const slots = await optSecond.getWeights();
  const names = slots.map((s) => s.name);
  const own = variableNames(second);
  expect(names.slice(1)).toEqual([...own.map((n) => `${n}/m`), ...own.map((n) => `${n}/v`)]);
  // the moments themselves came back: equal to the first process's
  const before = await optFirst.getWeights();
  for (let i = 1; i < slots.length; i++) expect(Array.from(slots[i].tensor.dataSync())).toEqual(Array.from(before[i].tensor.dataSync()));
  // and training goes on from them
  stepOnce(second, optSecond);
  expect(optSecond.iterations).toBe(2);
  fs.rmSync(path.dirname(dir), { recursive: true });
});
