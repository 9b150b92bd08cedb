/**
 * Gradient of MaxPoolGrad, needed when a gradient penalty differentiates through maxPool.
 * MaxPoolGrad(dy, x, y) = M^T dy, where M [out, in] picks each pooling window's argmax. It is
 * linear in dy, so its gradient w.r.t. dy is M g: g read at each window's argmax. The argmax is
 * piecewise constant in x, so the gradients w.r.t. x and y are zero.
 * Backends break ties differently (cpu: first maximum in row-major window order; wasm: last), so
 * M is read off the backend's own MaxPoolGrad kernel: for a set of windows that do not overlap,
 * MaxPoolGrad of their indicator marks each one's argmax, and a window sum of (mark * g) reads g
 * there. Windows whose output indices agree modulo ceil(filter / stride) never overlap.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** [1, outH, outW, 1]: 1 where outRow % periodH === a and outCol % periodW === b. */
function windowGroup(outH: number, outW: number, periodH: number, periodW: number, a: number, b: number): tf.Tensor4D {
  const rows = tf.equal(tf.mod(tf.range(0, outH, 1, 'int32'), periodH), a);
  const cols = tf.equal(tf.mod(tf.range(0, outW, 1, 'int32'), periodW), b);
  const both = tf.logicalAnd(tf.reshape(rows, [outH, 1]), tf.reshape(cols, [1, outW]));
  return tf.reshape(tf.cast(both, 'float32'), [1, outH, outW, 1]);
}

/**
 * For each pooling window of `x`, the value of `g` at the position the backend's MaxPoolGrad
 * kernel routes that window's gradient to (its argmax).
 * @param g [batch, h, w, c] @param x [batch, h, w, c] @param y maxPool(x) [batch, outH, outW, c]
 * @returns [batch, outH, outW, c]
 */
export function gatherAtWindowArgmax(g: tf.Tensor4D, x: tf.Tensor4D, y: tf.Tensor4D, attrs: PoolAttrs): tf.Tensor4D {
  return tf.tidy(() => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs;
    const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
    const periodH = Math.ceil(info.filterHeight / info.strideHeight);
    const periodW = Math.ceil(info.filterWidth / info.strideWidth);
    const windowSum = tf.ones([info.filterHeight, info.filterWidth, x.shape[3], 1]) as tf.Tensor4D;
    let out = tf.zerosLike(y);
    for (let a = 0; a < periodH; a++) {
      for (let b = 0; b < periodW; b++) {
        const group = windowGroup(info.outHeight, info.outWidth, periodH, periodW, a, b);
        const dy = tf.mul(tf.onesLike(y), group);
        const marks = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { ...attrs }) as tf.Tensor4D;
        const stride: [number, number] = [info.strideHeight, info.strideWidth];
        const sums = tf.depthwiseConv2d(tf.mul(marks, g) as tf.Tensor4D, windowSum, stride, pad, 'NHWC', 1, dimRoundingMode);
        out = tf.add(out, tf.mul(sums, group));
      }
    }
    return out;
  });
}

export const maxPoolGradGrad: tf.GradConfig = {
  kernelName: 'MaxPoolGrad',
  inputsToSave: ['input', 'output'],
  gradFunc: (g, [input, output], attrs) => ({
    dy: () => gatherAtWindowArgmax(g as tf.Tensor4D, input as tf.Tensor4D, output as tf.Tensor4D, attrs as unknown as PoolAttrs),
    input: () => tf.zerosLike(input),
    output: () => tf.zerosLike(output),
  }),
};
