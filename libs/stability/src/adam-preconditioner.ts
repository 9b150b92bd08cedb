/**
 * Adam's diagonal preconditioner, for the preconditioned sharpness of Cohen et al. 2022
 * ("Adaptive gradient methods at the edge of stability"). Writing Adam as preconditioned momentum,
 * w_(t+1) = w_t - lr P_t^-1 m_t with m_t = beta1 m_(t-1) + (1 - beta1) g_t, gives
 * P_t = (1 - beta1^t) (sqrt(v_t / (1 - beta2^t)) + eps), which is exactly tfjs's AdamOptimizer update
 * (m_hat / (sqrt(v_hat) + eps) with m_hat = m / (1 - beta1^t)).
 */
import * as tf from '@tensorflow/tfjs-core';
import { namedVariables, type WeightLike } from './weights.js';

interface AdamFields {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * P_t per weight, from the second moments `v_t` a tfjs Adam optimizer holds for `weights`
 * (found by its slot names `<variable name>/v`) after t = `optimizer.iterations` steps.
 * @returns one positive tensor per weight, of its shape (the caller disposes them)
 */
export async function adamPreconditioner(optimizer: tf.AdamOptimizer, weights: readonly WeightLike[]): Promise<tf.Tensor[]> {
  const vars = namedVariables(weights, 'adamPreconditioner');
  const t = optimizer.iterations;
  if (t < 1) throw new Error('adamPreconditioner: the optimizer has not taken a step yet, so it has no second moments');
  const { beta1, beta2, epsilon } = optimizer as unknown as AdamFields;
  const slots = await optimizer.getWeights();
  try {
    return vars.map(({ name, variable }) => {
      const slot = slots.find((s) => s.name === `${variable.name}/v`);
      if (!slot) throw new Error(`adamPreconditioner: the optimizer holds no second moment for '${name}' (slot '${variable.name}/v')`);
      return tf.tidy(() => tf.mul(tf.add(tf.sqrt(tf.div(slot.tensor, 1 - beta2 ** t)), epsilon), 1 - beta1 ** t));
    });
  } finally {
    // getWeights returns the optimiser's own slot variables plus a fresh iteration-count tensor.
    for (const s of slots) if (!(s.tensor instanceof tf.Variable)) s.tensor.dispose();
  }
}
