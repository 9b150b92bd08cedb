import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWasmTrainingKernel } from './register.js';
import { errorFigures, seeded, setupBackends, valuesOn } from './test-helpers.js';

interface RefCounts {
  refCount(dataId: object): number;
  numDataIds(): number;
}
const wasm = () => tf.backend() as unknown as RefCounts;
const dataIdOf = (t: tf.Tensor) => (t as unknown as { dataId: object }).dataId;

describe('Identity on wasm', () => {
  beforeAll(setupBackends);

  it('is ours: a clone shares the buffer (one more reference, no new allocation) and outlives the original', () => {
    expect(isWasmTrainingKernel('Identity')).toBe(true);
    const x = tf.tensor2d(seeded(12, 1), [3, 4]);
    const buffers = wasm().numDataIds();
    const y = tf.clone(x);
    expect(dataIdOf(y)).toBe(dataIdOf(x));
    expect(wasm().refCount(dataIdOf(x))).toBe(2);
    expect(wasm().numDataIds()).toBe(buffers);
    const values = Array.from(x.dataSync());
    x.dispose();
    expect(wasm().refCount(dataIdOf(y))).toBe(1);
    expect(Array.from(y.dataSync())).toEqual(values);
    y.dispose();
    expect(wasm().numDataIds()).toBe(buffers - 1); // the last owner frees it
  });

  it('int32 and bool clones keep their values; a variable assigned afterwards leaves the clone alone', () => {
    const ints = tf.tensor1d([-1, 2147483647, 0, 7], 'int32');
    const bools = tf.tensor1d([1, 0, 1], 'bool');
    expect(Array.from(tf.clone(ints).dataSync())).toEqual([-1, 2147483647, 0, 7]);
    expect(Array.from(tf.clone(bools).dataSync())).toEqual([1, 0, 1]);
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([9, 9, 9]));
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([9, 9, 9]);
    tf.dispose([ints, bools, v, snapshot]);
  });

  it('gradients that read saved (cloned) tensors match the cpu backend, and a tidied step leaks nothing', async () => {
    const xv = seeded(6 * 5, 2);
    const wv = seeded(5 * 4, 3);
    // d/dW and d/dx of sum(leakyRelu(x W)^2 * x W): every op saves inputs or outputs for its gradient.
    const f = () => {
      const [x, w] = [tf.tensor2d(xv, [6, 5]), tf.tensor2d(wv, [5, 4])];
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const h = tf.matMul(a, b);
        return tf.sum(tf.mul(tf.square(tf.leakyRelu(h, 0.2)), h));
      })([x, w]);
      return tf.concat([tf.reshape(gx, [-1]), tf.reshape(gw, [-1])]);
    };
    const onWasm = await valuesOn('wasm', f);
    const onCpu = await valuesOn('cpu', f);
    await tf.setBackend('wasm');
    expect(errorFigures(onWasm, onCpu).rel).toBeLessThan(1e-5);
    const before = { tensors: tf.memory().numTensors, buffers: wasm().numDataIds() };
    for (let i = 0; i < 3; i++) tf.tidy(() => void f());
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(wasm().numDataIds()).toBe(before.buffers);
  });
});
