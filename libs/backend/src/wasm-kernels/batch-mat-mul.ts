/**
 * `BatchMatMul` for the wasm backend: our GEMM (our-mat-mul.ts) when it is loaded. Otherwise: the built-in one takes XNNPACK's fast path only when
 * neither transpose flag is set and both batch sizes are 1; otherwise it falls back to a naive
 * loop (~0.4 GFLOP/s here, against ~10-20 on the fast path). Dense-layer gradients always set a
 * flag (dW = x^T @ dy, dx = dy @ W^T), so we transpose the flagged operand explicitly with the
 * wasm `Transpose` kernel and call the built-in without flags. Batched products go to the
 * built-in unchanged. The result is the same sum of products (XNNPACK's summation order).
 */
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { ourMatMul } from './our-mat-mul.js';
import { elementCount, runWasmKernel, transpose2d, withShape, kernelInput, type WasmBackendLike } from './wasm-backend.js';


/**
 * @param a [...batchA, m, k] (or [..., k, m] when transposeA)
 * @param b [...batchB, k, n] (or [..., n, k] when transposeB)
 * @returns [...batch, m, n]
 */
export function batchMatMul(a: TensorInfo, b: TensorInfo, attrs: BatchMatMulAttrs, backend: WasmBackendLike): TensorInfo {
  const { transposeA, transposeB } = attrs;
  const ours = ourMatMul(backend, a, b, { transposeA, transposeB });
  if (ours !== undefined) return ours;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const unbatched = elementCount(a.shape.slice(0, -2)) === 1 && elementCount(b.shape.slice(0, -2)) === 1;
  if ((!transposeA && !transposeB) || !unbatched || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return runWasmKernel(backend, BatchMatMul, { a, b }, attrs as never);
  }
  const [a0, a1] = [a.shape[ra - 2], a.shape[ra - 1]];
  const [b0, b1] = [b.shape[rb - 2], b.shape[rb - 1]];
  const a2 = transposeA ? transpose2d(backend, a, a0, a1) : withShape(a, [a0, a1]); // [m, k]
  const b2 = transposeB ? transpose2d(backend, b, b0, b1) : withShape(b, [b0, b1]); // [k, n]
  const out = runWasmKernel(backend, BatchMatMul, { a: a2, b: b2 }, { transposeA: false, transposeB: false });
  if (transposeA) backend.disposeData(a2.dataId);
  if (transposeB) backend.disposeData(b2.dataId);
  const outer = ra >= rb ? a.shape.slice(0, -2) : b.shape.slice(0, -2); // all ones
  return withShape(out, [...outer, ...out.shape.slice(-2)]);
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  setupFunc: setupBuiltin(BatchMatMul),
  kernelFunc: (({ inputs, attrs, backend }) => {
    const [a, b] = [kernelInput(inputs, 'a', BatchMatMul), kernelInput(inputs, 'b', BatchMatMul)];
    return batchMatMul(a, b, attrs as unknown as BatchMatMulAttrs, backend as unknown as WasmBackendLike);
  }) as KernelFunc,
};
