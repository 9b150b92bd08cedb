/**
 * Matrix products on our GEMM (gemm-module.ts) for the wasm kernels: BatchMatMul, _FusedMatMul
 * (bias and activation applied as each tile is stored) and the products inside our convolution
 * gradients. Transposed operands are read through strides (B is packed block by block anyway). Returns
 * undefined for anything it does not run (module not loaded, a non-float32 operand, broadcast
 * batch shapes other than one side of batch 1, an unsupported activation or bias shape), and the
 * caller then runs XNNPACK's product.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { gemmFor } from './gemm-module.js';
import { byteOffset, elementCount, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

/** Activations applied in the product's epilogue (their codes in assembly/gemm.ts). */
export const ACTIVATION_CODES: Record<string, number> = { linear: 0, relu: 1, leakyrelu: 2, relu6: 3 };

export interface OurMatMulOptions {
  transposeA: boolean;
  transposeB: boolean;
  /** [n] (or [1, ..., n]), added to every row. */
  bias?: TensorInfo;
  /** linear (default) | relu | leakyrelu | relu6. */
  activation?: string;
  /** leakyrelu's slope below zero. */
  leakyreluAlpha?: number;
}

const isOnes = (dims: readonly number[]) => dims.every((d) => d === 1);

/**
 * @param a [...batch, m, k] ([..., k, m] when transposeA)
 * @param b [...batch, k, n] ([..., n, k] when transposeB); either batch may be all ones
 * @returns act(op(a) op(b) + bias): [...batch, m, n], owned by the caller; undefined when not ours to run
 */
export function ourMatMul(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo, o: OurMatMulOptions): TensorInfo | undefined {
  const act = ACTIVATION_CODES[o.activation ?? 'linear'];
  if (act === undefined || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [ra, rb] = [a.shape.length, b.shape.length];
  const [outerA, outerB] = [a.shape.slice(0, -2), b.shape.slice(0, -2)];
  const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  if (!sameOuter && !isOnes(outerA) && !isOnes(outerB)) return undefined;
  const [m, k] = o.transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [kb, n] = o.transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  if (k !== kb) return undefined; // the built-in names the mismatch
  const bias = o.bias;
  if (bias !== undefined && (bias.dtype !== 'float32' || elementCount(bias.shape) !== n || !isOnes(bias.shape.slice(0, -1)))) return undefined;
  const gemm = gemmFor(backend.wasm);
  if (gemm === undefined) return undefined;

  const [batchA, batchB] = [elementCount(outerA), elementCount(outerB)];
  const outer = sameOuter ? outerA : !isOnes(outerA) ? outerA : !isOnes(outerB) ? outerB : outerA.length >= outerB.length ? outerA : outerB;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  const scratch = backend.makeOutput([gemm.scratchFloats()], 'float32');
  const at = (t: TensorInfo) => byteOffset(backend, t);
  const [pa, pb, pc, ps] = [at(a), at(b), at(out), at(scratch)];
  const pBias = bias === undefined ? 0 : at(bias);
  const alpha = o.leakyreluAlpha ?? 0;
  const [ai, ap] = o.transposeA ? [1, m] : [k, 1]; // A(i, p): stored [k, m] or [m, k]
  const [bp, bj] = o.transposeB ? [1, k] : [n, 1]; // B(p, j): stored [n, k] or [k, n]
  const [strideA, strideB, strideC] = [batchA > 1 ? m * k * 4 : 0, batchB > 1 ? k * n * 4 : 0, m * n * 4];
  for (let t = 0, batch = Math.max(batchA, batchB); t < batch; t++) {
    gemm.gemm(m, n, k, pa + t * strideA, ai, ap, pb + t * strideB, bp, bj, pc + t * strideC, n, pBias, act, alpha, 0, ps);
  }
  backend.disposeData(scratch.dataId);
  return out;
}

/**
 * out = a @ b: our GEMM when it is loaded, else the wasm backend's XNNPACK path (no transposes, batch 1).
 * @param a [m, k] float32
 * @param b [k, n] float32
 * @returns [m, n], owned by the caller
 */
export function matMul(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo): TensorInfo {
  return ourMatMul(backend, a, b, { transposeA: false, transposeB: false }) ?? runWasmKernel(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}
