/**
 * The parts of tfjs-backend-wasm's `BackendWasm` our kernels use, and small helpers around them.
 *
 * Tensor data lives in the wasm heap at `dataIdMap.get(dataId).memoryOffset` (bytes). Any
 * allocation (`makeOutput`, or a kernel we call) may grow the heap, which detaches every typed
 * array view taken earlier: take views with `heapF32` only after the last allocation, and take
 * them again after calling another kernel.
 */
import type { DataType, KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { builtinKernelFunc, setupBuiltin } from './builtins.js';

/** Structural type of the wasm backend (tfjs-backend-wasm 4.x `BackendWasm`). */
export interface WasmBackendLike {
  /** The Emscripten module: its heap, and its memory (`asm.memory`) for our GEMM. */
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** A float32 view of the whole wasm heap; valid until the next allocation. */
/** Number of elements of a tensor of `shape` (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

export function heapF32(backend: WasmBackendLike): Float32Array {
  const buf = backend.wasm.HEAPU8.buffer;
  return new Float32Array(buf, 0, buf.byteLength >>> 2);
}

/** An int32 view of the whole wasm heap; valid until the next allocation. */
export function heapI32(backend: WasmBackendLike): Int32Array {
  const buf = backend.wasm.HEAPU8.buffer;
  return new Int32Array(buf, 0, buf.byteLength >>> 2);
}

/** Byte offset of a tensor's data in the wasm heap (the pointer our module's functions take). */
export function byteOffset(backend: WasmBackendLike, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

/** Index of a 4-byte tensor's first element in `heapF32` / `heapI32`. */
export function offset32(backend: WasmBackendLike, t: TensorInfo): number {
  return byteOffset(backend, t) >>> 2;
}

/** A kernel's named input; throws when the engine did not pass it. */
export function kernelInput(inputs: NamedTensorInfoMap, name: string, kernelName: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`${kernelName}: missing input '${name}'`);
  return t;
}

/** A tensor info that reads the same data as `t` with another shape of the same size. */
export function withShape(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/**
 * Runs one of the wasm backend's built-in kernels (e.g. the XNNPACK `BatchMatMul`) directly,
 * bypassing the engine, so its output is an intermediate we must dispose with `backend.disposeData`.
 */
export function runWasmKernel(
  backend: WasmBackendLike,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = builtinKernelFunc(kernelName)({ inputs, attrs, backend: backend as never });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${kernelName}' returned several outputs`);
  return out;
}

/**
 * Permutes axes with the wasm `Transpose` kernel.
 * @returns out[i0..] with out.shape[j] = t.shape[perm[j]], owned by the caller
 */
export function permute(backend: WasmBackendLike, t: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel(backend, 'Transpose', { x: t }, { perm });
}

/**
 * Transposes a matrix.
 * @param a [m, n] (any tensor whose data is laid out as that matrix)
 * @returns [n, m], owned by the caller
 */
export function transpose2d(backend: WasmBackendLike, a: TensorInfo, m: number, n: number): TensorInfo {
  return permute(backend, withShape(a, [m, n]), [1, 0]);
}

/**
 * A row count >= rows that is 16 mod 32. The wasm Transpose kernel writes its output with a
 * stride of (input rows) floats; when that is a multiple of a large power of two every write hits
 * the same cache set (transposing [4096, 288] takes 8.8 ms, [4112, 288] 0.85 ms), so matrices
 * that get transposed are allocated with this many rows, the extra ones zero.
 */
export function transposeFriendlyRows(rows: number): number {
  return rows + ((16 - (rows % 32) + 32) % 32);
}

/**
 * Copies a [rows, cols] float32 matrix into a new [paddedRows, cols] one whose extra rows are zero.
 * @returns owned by the caller
 */
export function padRows(backend: WasmBackendLike, t: TensorInfo, rows: number, cols: number, paddedRows: number): TensorInfo {
  const out = backend.makeOutput([paddedRows, cols], 'float32');
  const heap = heapF32(backend);
  const [src, dst] = [offset32(backend, t), offset32(backend, out)];
  heap.copyWithin(dst, src, src + rows * cols);
  heap.fill(0, dst + rows * cols, dst + paddedRows * cols);
  return out;
}

/** A zero-filled float32 output. */
export function zerosOutput(backend: WasmBackendLike, shape: number[]): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  const n = shape.reduce((p, d) => p * d, 1);
  const off = offset32(backend, out);
  heapF32(backend).fill(0, off, off + n);
  return out;
}

/** A wasm kernel config that replaces the built-in `kernelName` with `run` (the built-in's setup still runs). */
export function replacementKernel(kernelName: string, run: (inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: WasmBackendLike) => TensorInfo): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    setupFunc: setupBuiltin(kernelName),
    kernelFunc: (({ inputs, attrs, backend }) => run(inputs, attrs ?? {}, backend as unknown as WasmBackendLike)) as KernelFunc,
  };
}
