/**
 * Element-wise kernels for the wasm backend on our module (assembly/elementwise.ts), where
 * tfjs-backend-wasm 4.22 runs scalar loops (per 131K floats here: LeakyRelu 780 us, Tanh 2.8 ms,
 * Add of a [8] bias 320 us against 76 us for a same-shape Add):
 * - LeakyRelu: exact (one multiply, as the built-in);
 * - Tanh: within a few float32 ulp of tanh (the built-in calls tanhf: within 1);
 * - Add and Multiply where one side is broadcast along the rows of the other (a bias or a
 *   per-channel scale: [..., c] op [c]): exact;
 * - FusedBatchNorm with per-channel ([c]) mean, variance, scale and offset:
 *   (x - mean) * (scale / sqrt(variance + eps)) + offset, within a few float32 ulp of the built-in.
 * float32 only; anything else (other dtypes, other broadcasts, same shapes, our module not loaded)
 * goes to the built-in.
 */
import {
  Add,
  backend_util,
  FusedBatchNorm,
  LeakyRelu,
  Multiply,
  Tanh,
  type FusedBatchNormAttrs,
  type LeakyReluAttrs,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { gemmFor, type GemmModule } from './gemm-module.js';
import { byteOffset as at, elementCount, kernelInput, replacementKernel, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

/** Our module when x is float32 and the module is loaded, else undefined. */
const oursFor = (backend: WasmBackendLike, ...xs: TensorInfo[]): GemmModule | undefined => (xs.every((x) => x.dtype === 'float32') ? gemmFor(backend.wasm) : undefined);

/** @param x [...] float32 @returns [...] x > 0 ? x : alpha x */
export function leakyRelu(x: TensorInfo, alpha: number, backend: WasmBackendLike): TensorInfo {
  const ours = oursFor(backend, x);
  if (ours === undefined) return runWasmKernel(backend, LeakyRelu, { x }, { alpha });
  const out = backend.makeOutput([...x.shape], 'float32');
  ours.leakyRelu(at(backend, x), elementCount(x.shape), alpha, at(backend, out));
  return out;
}

/** @param x [...] float32 @returns [...] tanh(x) */
export function tanh(x: TensorInfo, backend: WasmBackendLike): TensorInfo {
  const ours = oursFor(backend, x);
  if (ours === undefined) return runWasmKernel(backend, Tanh, { x });
  const out = backend.makeOutput([...x.shape], 'float32');
  ours.tanh(at(backend, x), elementCount(x.shape), at(backend, out));
  return out;
}

/** Rows and row length when `row`'s shape, leading ones dropped, is a proper suffix of `full`'s (4 or more floats). */
function rowBroadcast(full: readonly number[], row: readonly number[]): { rows: number; cols: number } | undefined {
  const tail = row.slice(row.findIndex((d) => d !== 1));
  if (row.every((d) => d === 1) || tail.length >= full.length || !tail.every((d, i) => d === full[full.length - tail.length + i])) return undefined;
  const cols = elementCount(tail);
  return cols >= 4 ? { rows: elementCount(full) / cols, cols } : undefined;
}

/** @param a, b float32, one of them a row broadcast along the other @returns a op b (op: Add or Multiply), the broadcast shape */
export function binary(kernelName: typeof Add | typeof Multiply, a: TensorInfo, b: TensorInfo, backend: WasmBackendLike): TensorInfo {
  const ours = oursFor(backend, a, b);
  const [full, row] = elementCount(a.shape) >= elementCount(b.shape) ? [a, b] : [b, a];
  const plan = ours && rowBroadcast(full.shape, row.shape);
  if (ours === undefined || plan === undefined) return runWasmKernel(backend, kernelName, { a, b });
  const out = backend.makeOutput(backend_util.assertAndGetBroadcastShape(a.shape, b.shape), 'float32');
  ours.binaryRow(kernelName === Add ? 0 : 1, at(backend, full), at(backend, row), plan.rows, plan.cols, at(backend, out)); // both commute exactly
  return out;
}

/** Whether t holds exactly c values along its last axis (shape [c] or [1, ..., c]). */
const perChannel = (t: TensorInfo | undefined, c: number) => t === undefined || (t.dtype === 'float32' && t.shape.length > 0 && t.shape[t.shape.length - 1] === c && elementCount(t.shape) === c);

/**
 * @param x [..., c] float32; mean, variance, scale, offset [c] (scale, offset optional)
 * @returns [..., c] (x - mean) * scale / sqrt(variance + eps) + offset
 */
export function fusedBatchNorm(inputs: NamedTensorInfoMap, eps: number, backend: WasmBackendLike): TensorInfo {
  const x = kernelInput(inputs, 'x', FusedBatchNorm);
  const [mean, variance] = [kernelInput(inputs, 'mean', FusedBatchNorm), kernelInput(inputs, 'variance', FusedBatchNorm)];
  const { scale, offset } = inputs as { scale?: TensorInfo; offset?: TensorInfo };
  const c = x.shape[x.shape.length - 1] ?? 0;
  const ours = c > 0 && [mean, variance, scale ?? undefined, offset ?? undefined].every((t) => perChannel(t, c)) ? oursFor(backend, x) : undefined;
  if (ours === undefined) return runWasmKernel(backend, FusedBatchNorm, inputs as Record<string, TensorInfo>, { varianceEpsilon: eps });
  const out = backend.makeOutput([...x.shape], 'float32');
  const optional = (t: TensorInfo | null | undefined) => (t == null ? 0 : at(backend, t));
  ours.batchNorm(at(backend, x), elementCount(x.shape) / c, c, at(backend, mean), at(backend, variance), optional(scale), optional(offset), eps, at(backend, out));
  return out;
}

export const leakyReluConfig = replacementKernel(LeakyRelu, (inputs, attrs, backend) => leakyRelu(kernelInput(inputs, 'x', LeakyRelu), (attrs as unknown as LeakyReluAttrs).alpha, backend));
export const tanhConfig = replacementKernel(Tanh, (inputs, _attrs, backend) => tanh(kernelInput(inputs, 'x', Tanh), backend));
export const addConfig = replacementKernel(Add, (inputs, _attrs, backend) => binary(Add, kernelInput(inputs, 'a', Add), kernelInput(inputs, 'b', Add), backend));
export const multiplyConfig = replacementKernel(Multiply, (inputs, _attrs, backend) => binary(Multiply, kernelInput(inputs, 'a', Multiply), kernelInput(inputs, 'b', Multiply), backend));
export const fusedBatchNormConfig = replacementKernel(FusedBatchNorm, (inputs, attrs, backend) => fusedBatchNorm(inputs, (attrs as unknown as FusedBatchNormAttrs).varianceEpsilon, backend));
