/**
 * `Identity` for the wasm backend. The engine runs Identity to keep every tensor that a gradient
 * will need (one clone per saved input and output of each recorded op: 181 a ring8 step, 926 a
 * wgan-gp default step), and tfjs-backend-wasm 4.22's own copies the data each time (a fresh
 * allocation and a memcpy). Tensors are immutable, so ours shares the buffer and bumps its
 * reference count, as the cpu backend does and as the wasm `Reshape` already does; the buffer is
 * freed when the last tensor on it is disposed. Strings go to the built-in.
 */
import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { kernelInput, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

/** The wasm backend's reference counting (tfjs-backend-wasm 4.x `BackendWasm.incRef`). */
interface RefCountingBackend extends WasmBackendLike {
  incRef(dataId: object): void;
}

/** @returns a tensor info on x's buffer (same shape and dtype), which now has one more owner */
export function identity(x: TensorInfo, backend: RefCountingBackend): TensorInfo {
  if (x.dtype === 'string') return runWasmKernel(backend, Identity, { x });
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  setupFunc: setupBuiltin(Identity),
  kernelFunc: (({ inputs, backend }) => identity(kernelInput(inputs, 'x', Identity), backend as unknown as RefCountingBackend)) as KernelFunc,
};
