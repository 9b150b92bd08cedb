import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, numericGrad, useCpu, values } from '@stablegen/backend/testing';
import { MinibatchStdDev, minibatchStdDev } from './minibatch-stddev.js';

beforeAll(useCpu);

/**
 * Float64 reference of Karras et al. 2018, sec. 3: for every (position, feature) the standard
 * deviation over the batch, sqrt(mean_b (x - mean_b x)^2 + eps), averaged over all of them.
 */
function stdScalarRef(x: number[], batch: number, eps = 1e-8): number {
  const per = x.length / batch;
  let total = 0;
  for (let k = 0; k < per; k++) {
    let mean = 0;
    for (let b = 0; b < batch; b++) mean += x[b * per + k] / batch;
    let v = 0;
    for (let b = 0; b < batch; b++) v += (x[b * per + k] - mean) ** 2 / batch;
    total += Math.sqrt(v + eps);
  }
  return total / per;
}

describe('minibatchStdDev', () => {
  const shape: [number, number, number, number] = [3, 2, 2, 4];
  const x = values(3 * 2 * 2 * 4, 21);

  it('adds exactly one feature map, and keeps the input channels unchanged', () => {
    const y = minibatchStdDev(tf.tensor4d(x, shape));
    expect(y.shape).toEqual([3, 2, 2, 5]);
    const kept = tf.slice(y, [0, 0, 0, 0], [3, 2, 2, 4]).dataSync();
    expectClose(kept, x, 0);
  });

  it('basic: the extra map is one scalar equal to the float64 computation', () => {
    const y = minibatchStdDev(tf.tensor4d(x, shape));
    const extra = tf.slice(y, [0, 0, 0, 4], [3, 2, 2, 1]).dataSync();
    expectClose(extra, new Array(12).fill(stdScalarRef(x, 3)), 1e-6);
  });

  it('a batch of identical samples gives sqrt(eps)', () => {
    const same = tf.tile(tf.tensor4d(x.slice(0, 16), [1, 2, 2, 4]), [4, 1, 1, 1]);
    const extra = tf.slice(minibatchStdDev(same), [0, 0, 0, 4], [4, 2, 2, 1]).dataSync();
    expectClose(extra, new Array(16).fill(Math.sqrt(1e-8)), 1e-9); // std 0, plus eps under the root
  });

  it('gradients: match central finite differences of the float64 reference', () => {
    const small = values(3 * 4, 5); // [3, 1, 2, 2]; loss = sum(w * out)
    const w = values(3 * 1 * 2 * 3, 6);
    const loss = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(minibatchStdDev(t), tf.tensor4d(w, [3, 1, 2, 3])));
    const lossRef = (v: number[]): number => {
      const s = stdScalarRef(v, 3);
      let total = 0;
      for (let p = 0; p < 6; p++) total += v[2 * p] * w[3 * p] + v[2 * p + 1] * w[3 * p + 1] + s * w[3 * p + 2];
      return total;
    };
    const got = tf.grad(loss)(tf.tensor4d(small, [3, 1, 2, 2])).dataSync();
    expectClose(got, numericGrad(lossRef, small), 1e-3);
  });

  it('layer: output shape [.., c + 1], same values, no leaks', () => {
    const layer = new MinibatchStdDev({ inputShape: [2, 2, 4] });
    const model = sequential({ layers: [layer] });
    expect(model.outputs[0].shape).toEqual([null, 2, 2, 5]);
    const t = tf.tensor4d(x, shape);
    expectClose((model.predict(t) as tf.Tensor).dataSync(), minibatchStdDev(t).dataSync(), 0);
    expectNoLeak(() => model.predict(t) as tf.Tensor);
    expectNoLeak(() => minibatchStdDev(t));
  });
});
