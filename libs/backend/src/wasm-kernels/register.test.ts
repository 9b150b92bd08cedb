import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, test, vi } from 'vitest';
import { isWasmTrainingKernel, registerWasmTrainingKernels, unregisterWasmTrainingKernels } from './register.js';

const ours = ['Conv2DBackpropFilter', 'UnsortedSegmentSum', 'Conv2DBackpropInput', 'BatchMatMul'];

function status(): boolean[] {
  return ours.map((k) => isWasmTrainingKernel(k));
}

// One file, one process: the wasm backend is not active yet when the first test runs.
describe('registerWasmTrainingKernels', () => {
  test('works when called before the wasm backend is first activated (the replaced built-ins still get set up)', async () => {
    registerWasmTrainingKernels();
    expect(await tf.setBackend('wasm')).toBe(true);
    // [[1, 2], [3, 4]]^T @ [[1], [1]] = [[4], [6]]: the transposed product runs through the built-in XNNPACK kernel.
    const out = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 1], [2, 1]), true, false);
    expect(Array.from(out.dataSync())).toEqual([4, 6]);
  });

  test('is idempotent: a second call changes nothing and warns nothing', () => {
    const warn = vi.spyOn(console, 'warn');
    registerWasmTrainingKernels();
    const funcs = ours.map((k) => tf.getKernel(k, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels();
    expect(ours.map((k) => tf.getKernel(k, 'wasm')?.kernelFunc)).toEqual(funcs);
    expect(status()).toEqual([true, true, true, true]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('replaceSlowBuiltins: false keeps the built-ins but still adds the missing kernels', () => {
    registerWasmTrainingKernels({ replaceSlowBuiltins: false });
    expect(status()).toEqual([true, true, false, false]);
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBeDefined();
    registerWasmTrainingKernels();
    expect(status()).toEqual([true, true, true, true]);
  });

  test('unregisterWasmTrainingKernels puts the built-ins back and removes the added kernels', () => {
    unregisterWasmTrainingKernels();
    expect(status()).toEqual([false, false, false, false]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
    const out = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 1], [2, 1]), true, false);
    expect(Array.from(out.dataSync())).toEqual([4, 6]);
    registerWasmTrainingKernels();
    expect(status()).toEqual([true, true, true, true]);
  });
});
