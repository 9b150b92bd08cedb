/**
 * @stablegen/backend: pick the fastest TensorFlow.js backend that loads here, add the wasm
 * training kernels, and register the gradient fixes of @stablegen/gradient-fixes.
 */
export { registerWasmTrainingKernels } from './wasm-kernels/register.js';
export {
  initBackend,
  parseBackendPreference,
  parseThreadCount,
  BackendError,
  BACKEND_ORDER,
  BACKEND_CHOICES,
  type BackendChoice,
  type BackendPreference,
  type InitBackendOptions,
} from './init-backend.js';
export { packageLoader, BackendUnavailableError, type BackendLoader, type BackendName } from './binding-loader.js';
export { coreCount, defaultThreadCount, wasmThreads, MAX_WASM_THREADS } from './wasm-threads.js';
export { gemmStatus, useGemm, type GemmPreference, type GemmVariant } from './wasm-kernels/gemm-module.js';
