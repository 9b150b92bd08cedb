/**
 * Registers the training kernels the tfjs wasm backend lacks (Conv2DBackpropFilter,
 * UnsortedSegmentSum, and @stablegen/optimizers' fused Adam update) and replaces slow built-ins
 * (Conv2D, FusedConv2D, Conv2DBackpropInput, BatchMatMul and _FusedMatMul, on our GEMM; Sum and Mean
 * over all but the innermost axis, LeakyRelu, Tanh, a row-broadcast Add / Multiply and FusedBatchNorm, on our
 * module; Tile; Identity, which copied). Idempotent. Call it after
 * `@tensorflow/tfjs-backend-wasm` has been imported, before or after `setBackend('wasm')`;
 * `initBackend` does this. Called earlier, it adds only the missing kernels (a replacement needs
 * the built-in it delegates to), and a later call adds the replacements.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { adamUpdateConfig } from './adam-update.js';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { saveBuiltin, takeBuiltin } from './builtins.js';
import { meanConfig, sumConfig } from './column-reductions.js';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { conv2DConfig, fusedConv2DConfig } from './conv2d.js';
import { addConfig, fusedBatchNormConfig, leakyReluConfig, multiplyConfig, tanhConfig } from './elementwise.js';
import { fusedMatMulConfig } from './fused-mat-mul.js';
import { identityConfig } from './identity.js';
import { tileConfig } from './tile.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Kernels tfjs-backend-wasm 4.22 lacks (and our optimiser's). */
export const MISSING_WASM_KERNELS: readonly KernelConfig[] = [conv2DBackpropFilterConfig, unsortedSegmentSumConfig, adamUpdateConfig];

/** Faster replacements for built-in wasm kernels. */
export const REPLACED_WASM_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2DConfig,
  fusedConv2DConfig,
  tileConfig,
  identityConfig,
  sumConfig,
  meanConfig,
  leakyReluConfig,
  tanhConfig,
  addConfig,
  multiplyConfig,
  fusedBatchNormConfig,
];

const WASM_TRAINING_KERNELS = [...MISSING_WASM_KERNELS, ...REPLACED_WASM_KERNELS];

export interface WasmKernelOptions {
  /** Also replace the slow built-ins (default true); false puts them back (for A/B benchmarks). */
  replaceSlowBuiltins?: boolean;
}

/** Registers our wasm kernels; a second call with the same options changes nothing. */
export function registerWasmTrainingKernels(options: WasmKernelOptions = {}): void {
  const replace = options.replaceSlowBuiltins ?? true;
  if (!replace) REPLACED_WASM_KERNELS.forEach(restoreBuiltin);
  for (const config of replace ? WASM_TRAINING_KERNELS : MISSING_WASM_KERNELS) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current === undefined && REPLACED_WASM_KERNELS.includes(config)) continue; // wasm not loaded yet
    if (current !== undefined) {
      saveBuiltin(current);
      unregisterKernel(config.kernelName, 'wasm');
    }
    registerKernel(config);
  }
}

/** Unregisters one of ours, putting back the built-in it replaced, if any. */
function restoreBuiltin(config: KernelConfig): void {
  if (getKernel(config.kernelName, 'wasm')?.kernelFunc !== config.kernelFunc) return;
  unregisterKernel(config.kernelName, 'wasm');
  const builtin = takeBuiltin(config.kernelName);
  if (builtin !== undefined) registerKernel(builtin);
}

/** Removes all our kernels and restores the built-ins they replaced. */
export function unregisterWasmTrainingKernels(): void {
  WASM_TRAINING_KERNELS.forEach(restoreBuiltin);
}

/** True when `kernelName` on wasm is currently one of ours. */
export function isWasmTrainingKernel(kernelName: string): boolean {
  const ours = WASM_TRAINING_KERNELS.find((c) => c.kernelName === kernelName);
  return ours !== undefined && getKernel(kernelName, 'wasm')?.kernelFunc === ours.kernelFunc;
}
