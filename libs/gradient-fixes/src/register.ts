/**
 * Registers the gradient fixes double backprop (gradient penalties, Hessian-vector products)
 * needs in tfjs 4.22, a faster equivalent (LeakyRelu's), and gradients for the `_FusedMatMul` and
 * `FusedConv2D` kernels run directly (fused-mat-mul-grad.ts, fused-conv2d-grad.ts), on every
 * backend (gradients are backend-independent). tfjs-core's own
 * gradients must be registered first, or they would later overwrite ours: tfjs-core's Node bundle
 * registers none, tfjs-layers' bundle registers them all on import, so this module imports
 * tfjs-layers (once; later imports are cached).
 */
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { ADJOINT_GRADIENTS } from './adjoint-gradients.js';
import { INPUT_BASED_GRADIENTS } from './input-based-gradients.js';
import { fusedConv2dGrad } from './fused-conv2d-grad.js';
import { fusedMatMulGrad } from './fused-mat-mul-grad.js';
import { leakyReluGrad } from './leaky-relu-grad.js';
import { maxPoolGradGrad } from './max-pool-grad-grad.js';
import { COMPARISON_KERNELS, zeroGradConfig } from './zero-gradients.js';

/** Every gradient this module registers. */
export const GRADIENT_FIXES: readonly tf.GradConfig[] = [
  ...COMPARISON_KERNELS.map(zeroGradConfig),
  ...INPUT_BASED_GRADIENTS,
  ...ADJOINT_GRADIENTS,
  maxPoolGradGrad,
  leakyReluGrad,
  fusedMatMulGrad,
  fusedConv2dGrad,
];

/** tfjs's own config per kernel we override (undefined: tfjs has none), captured on first registration. */
let originals: Map<string, tf.GradConfig | undefined> | undefined;

/** Runs `register` with tfjs's DEBUG warnings off (registerGradient warns on every override). */
function quietly(register: () => void): void {
  const debug = tf.env().getBool('DEBUG');
  if (debug) tf.env().set('DEBUG', false);
  try {
    register();
  } finally {
    if (debug) tf.env().set('DEBUG', true);
  }
}

/** Registers the fixes (idempotent). */
export function registerGradientFixes(): void {
  originals ??= new Map(GRADIENT_FIXES.map((c) => [c.kernelName, tf.getGradient(c.kernelName)]));
  quietly(() => {
    for (const config of GRADIENT_FIXES) tf.registerGradient(config);
  });
}

/**
 * Registers the fixes unless that was done before in this process: what a library that
 * differentiates twice calls on every use (cheap after the first). Inside withOriginalGradients it
 * leaves tfjs's own gradients in place.
 */
export function ensureGradientFixes(): void {
  if (originals === undefined) registerGradientFixes();
}

/**
 * Runs `fn` (synchronous) with tfjs 4.22's own gradients in place of the fixes, then puts the
 * fixes back. For tests and diagnostics: it shows what the fixes repair. Requires
 * registerGradientFixes() to have run.
 */
export function withOriginalGradients<T>(fn: () => T): T {
  const saved = originals;
  if (saved === undefined) throw new Error('withOriginalGradients: call registerGradientFixes() first');
  quietly(() => {
    for (const [kernelName, config] of saved) {
      if (config) tf.registerGradient(config);
      else tf.unregisterGradient(kernelName);
    }
  });
  try {
    return fn();
  } finally {
    registerGradientFixes();
  }
}
