/**
 * @stablegen/backend: pick the fastest TensorFlow.js backend that loads here, seed every random op,
 * add the wasm training kernels and the gradient fixes that double backprop needs.
 */
export { registerWasmTrainingKernels } from './wasm-kernels/register.js';
export { registerGradientFixes, withOriginalGradients, GRADIENT_FIXES } from './gradients/register.js';
export { leakyReluGrad } from './gradients/leaky-relu-grad.js';
export { createRng, type Rng, type RngState } from './rng.js';
export {
  initBackend,
  parseBackendPreference,
  BackendError,
  BACKEND_ORDER,
  BACKEND_CHOICES,
  type BackendChoice,
  type BackendPreference,
  type InitBackendOptions,
} from './init-backend.js';
export { packageLoader, BackendUnavailableError, type BackendLoader, type BackendName } from './binding-loader.js';
