import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDcganCritic } from '@stablegen/critics';
import { forwardOf, multiInputForwardOf, planOf } from './layer-chain.js';

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

/** input [3] -> dense 6 -> ReLU -> dense 5 (tanh) -> dense 4 -> LeakyReLU(0.1) -> ReLU(max 6) -> dense 2 (no bias): fusable and unfusable pairs. */
function mixedModel(): tfl.LayersModel {
  const x = tfl.input({ shape: [3] });
  const chain: tfl.layers.Layer[] = [
    tfl.layers.dense({ units: 6, kernelInitializer: seeded(4), biasInitializer: 'glorotUniform' }),
    tfl.layers.reLU(),
    tfl.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: seeded(5) }),
    tfl.layers.dense({ units: 4, kernelInitializer: seeded(6), biasInitializer: 'glorotUniform' }),
    tfl.layers.leakyReLU({ alpha: 0.1 }),
    tfl.layers.reLU({ maxValue: 6 }),
    tfl.layers.dense({ units: 2, useBias: false, kernelInitializer: seeded(7) }),
  ];
  const out = chain.reduce((h, layer) => layer.apply(h) as tfl.SymbolicTensor, x);
  return tfl.model({ inputs: x, outputs: out });
}

/** input [6, 6, 2] -> conv 3x3 s1 + LeakyReLU -> conv 4x4 s2 + ReLU -> conv 3x3 (tanh) -> flatten -> dense 1: a small DCGAN-like critic. */
function convModel(): tfl.LayersModel {
  const x = tfl.input({ shape: [6, 6, 2] });
  const chain: tfl.layers.Layer[] = [
    tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', kernelInitializer: seeded(10), biasInitializer: 'glorotUniform' }),
    tfl.layers.leakyReLU({ alpha: 0.2 }),
    tfl.layers.conv2d({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: seeded(11), biasInitializer: 'glorotUniform' }),
    tfl.layers.reLU(),
    tfl.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'valid', activation: 'tanh', kernelInitializer: seeded(12) }),
    tfl.layers.flatten(),
    tfl.layers.dense({ units: 1, kernelInitializer: seeded(13) }),
  ];
  return tfl.model({ inputs: x, outputs: chain.reduce((h, layer) => layer.apply(h) as tfl.SymbolicTensor, x) });
}

/** d/dW of the gradient-penalty-shaped loss sum(||d sum(forward(x)) / dx||^2), with the number of kernels and of matmuls it ran. */
async function penaltyGrads(forward: (x: tf.Tensor) => tf.Tensor, vars: tf.Variable[], x: tf.Tensor) {
  let grads: Record<string, number[]> = {};
  const info = await tf.profile(() => {
    const r = tf.variableGrads(() => tf.sum(tf.square(tf.grad((xx: tf.Tensor) => tf.sum(forward(xx)))(x))) as tf.Scalar, vars);
    grads = Object.fromEntries(vars.map((v) => [v.name, r.grads[v.name] ? values(r.grads[v.name]) : []])); // [] for a variable the loss does not reach
    tf.dispose([r.value, ...Object.values(r.grads)]);
  });
  return { grads, kernels: info.kernels.length, matmuls: info.kernels.filter((k) => k.name === 'BatchMatMul').length };
}

describe('forwardOf', () => {
  it('basic: a chain runs layer by layer with the outputs and weight gradients of model.apply', () => {
    const model = chainModel();
    expect(planOf(model)?.nodes).toHaveLength(2); // dense + LeakyReLU fused, dense
    const forward = forwardOf(model);
    const x = tf.tensor2d([0.5, -1, 2, 0.25, -0.3, 0.7], [3, 2]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const viaApply = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar, vars);
    const viaChain = tf.variableGrads(() => tf.sum(tf.square(forward(x))) as tf.Scalar, vars);
    expect(values(viaChain.value)).toEqual(values(viaApply.value));
    for (const v of vars) expect(values(viaChain.grads[v.name])).toEqual(values(viaApply.grads[v.name]));
    model.dispose();
  });

  it('fuses Dense + ReLU / LeakyReLU pairs (a Dense with its own tanh runs fused linear, then tanh): the same outputs, gradients and second-order gradients as model.apply, with fewer kernels', async () => {
    const model = mixedModel();
    expect(model.layers.slice(1).map((l) => l.getClassName())).toEqual(['Dense', 'ReLU', 'Dense', 'Dense', 'LeakyReLU', 'ReLU', 'Dense']);
    expect(planOf(model)?.nodes).toHaveLength(5); // dense+relu, dense then tanh, dense+leaky, relu(max 6) alone, dense
    const forward = forwardOf(model);
    const x = tf.tensor2d([0.5, -1, 2, 0.25, -0.3, 0.7, 1.5, 0.1, -0.9, -2, 0.4, 0.6], [4, 3]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(values(forward(x))).toEqual(values(model.apply(x) as tf.Tensor));
    const viaApply = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar, vars);
    const viaChain = tf.variableGrads(() => tf.sum(tf.square(forward(x))) as tf.Scalar, vars);
    for (const v of vars) expect(values(viaChain.grads[v.name])).toEqual(values(viaApply.grads[v.name]));
    const second = [await penaltyGrads((t) => model.apply(t) as tf.Tensor, vars, x), await penaltyGrads(forward, vars, x)];
    for (const v of vars) expect(second[1].grads[v.name]).toEqual(second[0].grads[v.name]);
    // The inner gradient w.r.t. x no longer computes the 4 dense layers' weight gradients (tfjs's fused op computes every input's).
    expect(second[1].matmuls).toBeLessThanOrEqual(second[0].matmuls - 4);
    expect(second[1].kernels).toBeLessThan(second[0].kernels);
    model.dispose();
  });

  it('fuses Conv2D + LeakyReLU / ReLU pairs: the same outputs and gradients as model.apply; an update of what feeds the critic skips its filter gradients', async () => {
    const model = convModel();
    expect(planOf(model)?.nodes).toHaveLength(5); // conv+leaky, conv+relu, conv then tanh, flatten, dense
    const forward = forwardOf(model);
    const x = tf.randomNormal([3, 6, 6, 2], 0, 1, 'float32', 14);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(values(forward(x))).toEqual(values(model.apply(x) as tf.Tensor)); // the same bits: the same kernels in the same order
    const viaApply = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar, vars);
    const viaChain = tf.variableGrads(() => tf.sum(tf.square(forward(x))) as tf.Scalar, vars);
    for (const v of vars) expect(values(viaChain.grads[v.name])).toEqual(values(viaApply.grads[v.name]));
    const second = [await penaltyGrads((t) => model.apply(t) as tf.Tensor, vars, x), await penaltyGrads(forward, vars, x)];
    for (const v of vars) expect(second[1].grads[v.name]).toEqual(second[0].grads[v.name]);
    // A generator update differentiates the critic w.r.t. its input only: tfjs's fused op also runs every Conv2DBackpropFilter.
    const filterGrads = async (f: (t: tf.Tensor) => tf.Tensor) => (await tf.profile(() => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(f(t)))(x).dataSync()))).kernels.filter((k) => k.name === 'Conv2DBackpropFilter').length;
    expect(await filterGrads((t) => model.apply(t) as tf.Tensor)).toBe(3);
    expect(await filterGrads(forward)).toBe(0);
    model.dispose();
  });

  it('a Sequential model is a chain too', () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 4, kernelInitializer: seeded(15) }), tfl.layers.leakyReLU({ alpha: 0.2 }), tfl.layers.dense({ units: 1, kernelInitializer: seeded(16) })] });
    expect(planOf(model)?.nodes).toHaveLength(2); // dense + LeakyReLU fused, dense
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 17);
    expect(values(forwardOf(model)(x))).toEqual(values(model.apply(x) as tf.Tensor));
    model.dispose();
  });

  it('runs a Dense + activation pair layer by layer on inputs of rank 3', () => {
    const x = tfl.input({ shape: [2, 3] });
    const out = tfl.layers.leakyReLU({ alpha: 0.2 }).apply(tfl.layers.dense({ units: 4, kernelInitializer: seeded(8) }).apply(x)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: x, outputs: out });
    const input = tf.randomNormal([2, 2, 3], 0, 1, 'float32', 9);
    expect(values(forwardOf(model)(input))).toEqual(values(model.apply(input) as tf.Tensor));
    model.dispose();
  });

  it('a graph (a skip connection) runs layer by layer too; a layer applied twice falls back to model.apply', () => {
    const model = skipModel();
    expect(planOf(model)?.nodes).toHaveLength(2); // dense, add
    const x = tf.tensor2d([1, 2, -0.5, 3], [2, 2]);
    expect(values(forwardOf(model)(x))).toEqual(values(model.apply(x) as tf.Tensor));
    const input = tfl.input({ shape: [2] });
    const shared = tfl.layers.dense({ units: 2, kernelInitializer: seeded(18) });
    const twice = tfl.model({ inputs: input, outputs: shared.apply(shared.apply(input)) as tfl.SymbolicTensor });
    expect(planOf(twice)).toBeUndefined();
    expect(values(forwardOf(twice)(x))).toEqual(values(twice.apply(x) as tf.Tensor));
    model.dispose();
    twice.dispose();
  });

  it('a projection critic (images and labels) runs through multiInputForwardOf: the same values and gradients as model.apply, and no filter gradient for an update of its input', async () => {
    const critic = buildDcganCritic({ resolution: 8, widths: [4, 6], classes: 3, seed: 19 });
    const forward = multiInputForwardOf(critic);
    const images = tf.randomNormal([4, 8, 8, 1], 0, 1, 'float32', 20);
    const labels = tf.cast(tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3), 'float32');
    expect(values(forward([images, labels]))).toEqual(values(critic.apply([images, labels]) as tf.Tensor));
    const vars = critic.trainableWeights.map((w) => w.read() as tf.Variable);
    const viaApply = tf.variableGrads(() => tf.sum(tf.square(critic.apply([images, labels]) as tf.Tensor)) as tf.Scalar, vars);
    const viaPlan = tf.variableGrads(() => tf.sum(tf.square(forward([images, labels]))) as tf.Scalar, vars);
    for (const v of vars) expect(values(viaPlan.grads[v.name])).toEqual(values(viaApply.grads[v.name]));
    const filterGrads = async (f: (t: tf.Tensor) => tf.Tensor) => (await tf.profile(() => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(f(t)))(images).dataSync()))).kernels.filter((k) => k.name === 'Conv2DBackpropFilter').length;
    expect(await filterGrads((t) => critic.apply([t, labels]) as tf.Tensor)).toBe(2);
    expect(await filterGrads((t) => forward([t, labels]))).toBe(0);
    expect(() => forward([images])).toThrow('forward: the model takes 2 input(s), got 1');
    critic.dispose();
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
