/**
 * Child process of wasm-threads.test.ts (a thread count is fixed per process): starts the wasm
 * backend with `--threads N`, runs each training-path kernel on seeded inputs, and prints one JSON
 * line { line, threads, outputs: { name: number[] } }. It ends without process.exit, so the
 * parent also sees that the pthread workers do not keep a process alive.
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/index.js';
import { adam } from '@stablegen/optimizers';
import { createRng } from '@stablegen/random';

const threads = Number(process.argv[process.argv.indexOf('--threads') + 1]);
let line = '';
const choice = await initBackend('wasm', { threads, log: (l) => (line = l) });

/** A tensor of `shape` with values uniform in [-1, 1) from `seed`. */
function t(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => 2 * rng.uniform() - 1), shape);
}
const x = t([16, 14, 14, 32], 1) as tf.Tensor4D;
const w = t([4, 4, 32, 64], 2) as tf.Tensor4D;
const dy = t([16, 7, 7, 64], 3) as tf.Tensor4D;
const bias = t([64], 4) as tf.Tensor1D;
const x1 = t([16, 28, 28, 1], 5) as tf.Tensor4D;
const w1 = t([4, 4, 1, 32], 6) as tf.Tensor4D;
const dy1 = t([16, 14, 14, 32], 7) as tf.Tensor4D;
const x2 = t([4, 16, 16, 16], 11) as tf.Tensor4D;
const dy2 = t([4, 16, 16, 8], 12) as tf.Tensor4D;
const a = t([256, 300], 8) as tf.Tensor2D;
const b = t([300, 128], 9) as tf.Tensor2D;
const conv = { strides: 2, pad: 'same', dataFormat: 'NHWC' };
/** The weights of a variable of `shape` after three fused Adam steps (they carry both moments). */
function adamStep(shape: number[]): tf.Tensor {
  const v = tf.variable(t(shape, 13));
  const opt = adam(0.01, 0.5, 0.999);
  for (let s = 0; s < 3; s++) opt.applyGradients([{ name: v.name, tensor: t(shape, 20 + s) }]);
  const out = tf.clone(v);
  tf.dispose(v);
  opt.dispose();
  return out;
}
const kernels: Record<string, () => tf.Tensor> = {
  fusedConv2d: () => tf.fused.conv2d({ x, filter: w, strides: 2, pad: 'same', bias, activation: 'relu' }),
  conv2dBackpropInput: () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...conv, inputShape: x.shape } as never) as tf.Tensor,
  conv2dBackpropInputFewChannels: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dy1, filter: w1 }, { ...conv, inputShape: x1.shape } as never) as tf.Tensor,
  conv2dBackpropFilter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...conv, filterShape: w.shape } as never) as tf.Tensor, // dilated-conv path
  conv2dBackpropFilterFewChannels: () => tf.engine().runKernel('Conv2DBackpropFilter', { x: x1, dy: dy1 }, { ...conv, filterShape: w1.shape } as never) as tf.Tensor, // channel-major patches
  conv2dBackpropFilterStride1: () => tf.engine().runKernel('Conv2DBackpropFilter', { x: x2, dy: dy2 }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 8] } as never) as tf.Tensor, // im2col path
  batchMatMulTransposed: () => tf.matMul(a, t([128, 300], 10), false, true),
  matMul: () => tf.matMul(a, b),
  sumAndElementwise: () => tf.sum(tf.mul(tf.leakyRelu(x, 0.2), tf.tanh(x)), [0, 1, 2]),
  adamUpdateJsPass: () => adamStep([64, 16]), // under ADAM_SIMD_FROM elements
  adamUpdateSimdKernels: () => adamStep([64, 300]), // the built-in elementwise kernels
};
const outputs: Record<string, number[]> = {};
for (const [name, f] of Object.entries(kernels)) {
  const out = tf.tidy(f);
  outputs[name] = Array.from(out.dataSync());
  out.dispose();
}
process.stdout.write(`${JSON.stringify({ line, threads: choice.threads, outputs })}\n`);
