import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainLayers, forwardOf } from './layer-chain.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** input [2] -> dense 8 -> LeakyReLU -> dense 1: a chain. */
function chainModel(): tfl.LayersModel {
  const x = tfl.input({ shape: [2] });
  const h = tfl.layers.leakyReLU({ alpha: 0.2 }).apply(tfl.layers.dense({ units: 8, kernelInitializer: seeded(1), biasInitializer: 'glorotUniform' }).apply(x)) as tfl.SymbolicTensor;
  return tfl.model({ inputs: x, outputs: tfl.layers.dense({ units: 1, kernelInitializer: seeded(2) }).apply(h) as tfl.SymbolicTensor });
}

/** input [2] -> dense 2 -> add(input, dense): a skip connection, not a chain. */
function skipModel(): tfl.LayersModel {
  const x = tfl.input({ shape: [2] });
  const d = tfl.layers.dense({ units: 2, kernelInitializer: seeded(3) }).apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: x, outputs: tfl.layers.add().apply([x, d]) as tfl.SymbolicTensor });
}

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('forwardOf', () => {
  it('basic: a chain runs layer by layer with the outputs and weight gradients of model.apply', () => {
    const model = chainModel();
    expect(chainLayers(model)?.map((l) => l.getClassName())).toEqual(['Dense', 'LeakyReLU', 'Dense']);
    const forward = forwardOf(model);
    const x = tf.tensor2d([0.5, -1, 2, 0.25, -0.3, 0.7], [3, 2]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const viaApply = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar, vars);
    const viaChain = tf.variableGrads(() => tf.sum(tf.square(forward(x))) as tf.Scalar, vars);
    expect(values(viaChain.value)).toEqual(values(viaApply.value));
    for (const v of vars) expect(values(viaChain.grads[v.name])).toEqual(values(viaApply.grads[v.name]));
    model.dispose();
  });

  it('other topologies fall back to model.apply', () => {
    const model = skipModel();
    expect(chainLayers(model)).toBeUndefined();
    const x = tf.tensor2d([1, 2], [1, 2]);
    expect(values(forwardOf(model)(x))).toEqual(values(model.apply(x) as tf.Tensor));
    model.dispose();
  });

  it('leaks no tensors', () => {
    const model = chainModel();
    const forward = forwardOf(model);
    const x = tf.ones([4, 2]);
    forward(x, true).dispose(); // warm-up
    const before = tf.memory().numTensors;
    forward(x, true).dispose(); // no tidy around it: the intermediate activations must go too
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
