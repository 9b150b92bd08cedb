import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { isWasmTrainingKernel, registerWasmTrainingKernels } from './register.js';

// This file imports tfjs-backend-wasm only inside the test (vitest runs each file in its own process).
test('called before tfjs-backend-wasm is imported: adds the missing kernels only, and the replacements on a later call', async () => {
  registerWasmTrainingKernels();
  expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  expect(tf.getKernel('BatchMatMul', 'wasm')).toBeUndefined(); // nothing to replace yet
  await import('@tensorflow/tfjs-backend-wasm');
  expect(isWasmTrainingKernel('BatchMatMul')).toBe(false); // the package registered its own
  registerWasmTrainingKernels();
  expect(['Conv2DBackpropFilter', 'UnsortedSegmentSum', 'Conv2DBackpropInput', 'BatchMatMul'].map(isWasmTrainingKernel)).toEqual([true, true, true, true]);
  expect(await tf.setBackend('wasm')).toBe(true);
  // [[1, 2], [3, 4]] @ [[1, 1]]^T = [[3], [7]], through our BatchMatMul and the built-in it wraps.
  const out = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 1], [1, 2]), false, true);
  expect(Array.from(out.dataSync())).toEqual([3, 7]);
});
