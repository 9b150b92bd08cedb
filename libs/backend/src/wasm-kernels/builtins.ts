/**
 * The wasm backend's own kernels that we replace, kept so that our replacements can delegate to
 * them (e.g. our BatchMatMul calls the built-in XNNPACK one) and so they can be put back.
 */
import { getKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs-core';

const saved = new Map<string, KernelConfig>();

/** Remembers the built-in config of a kernel we are about to replace (first one wins). */
export function saveBuiltin(config: KernelConfig): void {
  if (!saved.has(config.kernelName)) saved.set(config.kernelName, config);
}

/** The built-in config saved for `kernelName`, removing it from the store. */
export function takeBuiltin(kernelName: string): KernelConfig | undefined {
  const config = saved.get(kernelName);
  saved.delete(kernelName);
  return config;
}

/** The wasm backend's own kernel function for `kernelName`, whether or not we replaced it. */
export function builtinKernelFunc(kernelName: string): KernelFunc {
  const config = saved.get(kernelName) ?? getKernel(kernelName, 'wasm');
  if (config === undefined) throw new Error(`wasm kernel '${kernelName}' is not registered (is @tensorflow/tfjs-backend-wasm loaded?)`);
  return config.kernelFunc;
}

/**
 * A setupFunc for a replacement kernel: runs the saved built-in's setupFunc, which the engine
 * would otherwise never call once the built-in is unregistered (the wasm kernels cwrap their C
 * functions there, on every `setBackend('wasm')`).
 */
export function setupBuiltin(kernelName: string): (backend: object) => void {
  return (backend) => saved.get(kernelName)?.setupFunc?.(backend as never);
}
