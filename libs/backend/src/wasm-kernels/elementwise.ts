/**
 * Element-wise kernels for the wasm backend on our module (assembly/elementwise.ts), where
 * tfjs-backend-wasm 4.22 runs scalar loops (per 131K floats here: LeakyRelu 780 us, Tanh 2.8 ms,
 * Add of a [8] bias 320 us against 76 us for a same-shape Add):
 * - LeakyRelu: exact (one multiply, as the built-in);
 * - Tanh: within a few float32 ulp of tanh (the built-in calls tanhf: within 1);
 * - Add where one side is broadcast along the rows of the other (a bias: [..., c] + [c]): exact.
 * float32 only; anything else (other dtypes, other broadcasts, same shapes, our module not loaded)
 * goes to the built-in.
 */
import {
  Add,
  backend_util,
  LeakyRelu,
  Tanh,
  type KernelConfig,
  type KernelFunc,
  type LeakyReluAttrs,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { gemmFor, type GemmModule } from './gemm-module.js';
import { elementCount, kernelInput, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

const at = (backend: WasmBackendLike, t: TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;

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

/** @param a, b float32, one of them a row broadcast along the other @returns a + b, broadcast shape */
export function add(a: TensorInfo, b: TensorInfo, backend: WasmBackendLike): TensorInfo {
  const ours = oursFor(backend, a, b);
  const [full, row] = elementCount(a.shape) >= elementCount(b.shape) ? [a, b] : [b, a];
  const plan = ours && rowBroadcast(full.shape, row.shape);
  if (ours === undefined || plan === undefined) return runWasmKernel(backend, Add, { a, b });
  const out = backend.makeOutput(backend_util.assertAndGetBroadcastShape(a.shape, b.shape), 'float32');
  ours.addRow(at(backend, full), at(backend, row), plan.rows, plan.cols, at(backend, out)); // x + b = b + x exactly
  return out;
}

const config = (kernelName: string, run: (inputs: NamedTensorInfoMap, attrs: object, backend: WasmBackendLike) => TensorInfo): KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  setupFunc: setupBuiltin(kernelName),
  kernelFunc: (({ inputs, attrs, backend }) => run(inputs, attrs ?? {}, backend as unknown as WasmBackendLike)) as KernelFunc,
});

export const leakyReluConfig = config(LeakyRelu, (inputs, attrs, backend) => leakyRelu(kernelInput(inputs, 'x', LeakyRelu), (attrs as LeakyReluAttrs).alpha, backend));
export const tanhConfig = config(Tanh, (inputs, _attrs, backend) => tanh(kernelInput(inputs, 'x', Tanh), backend));
export const addConfig = config(Add, (inputs, _attrs, backend) => add(kernelInput(inputs, 'a', Add), kernelInput(inputs, 'b', Add), backend));
