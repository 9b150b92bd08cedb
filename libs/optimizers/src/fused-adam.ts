/**
 * Adam whose update is one `StablegenAdamUpdate` kernel per variable where the active backend has
 * it (wasm with `@stablegen/backend`'s kernels, cpu), and tfjs's own update elsewhere. The stock
 * `AdamOptimizer` runs 14 kernels per variable plus 4 per step; on a small model each costs more
 * in dispatch than in arithmetic (the ring8 MLP step: 200 of its 823 kernel calls). Same slots,
 * names, weights and checkpoints as `tf.train.adam`, and the same numbers, bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_UPDATE, registerAdamUpdateCpu, type AdamUpdateAttrs } from './adam-update.js';

/** AdamOptimizer's private state (tfjs-core 4.x), which the fused update reads and writes. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  beta1: number;
  beta2: number;
  epsilon: number;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1: number, beta2: number, epsilon: number | null = null) {
    super(learningRate, beta1, beta2, epsilon ?? undefined);
    registerAdamUpdateCpu();
  }

  /** True when the active backend has the fused kernel. */
  static fusedOnActiveBackend(): boolean {
    return tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined;
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!FusedAdamOptimizer.fusedOnActiveBackend()) {
      super.applyGradients(variableGradients);
      return;
    }
    const s = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const attrs: AdamUpdateAttrs = { beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, learningRate: this.learningRate };
    const gradientOf = (name: string, i: number) => (Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name]);
    // Refuse before anything moves: a bad variable must not leave the others half a step ahead.
    names.forEach((name, i) => {
      const [x, gradient] = [tf.engine().registeredVariables[name], gradientOf(name, i)];
      if (gradient != null && (x.dtype !== 'float32' || gradient.dtype !== 'float32')) {
        throw new Error(`FusedAdamOptimizer: '${name}' is ${x.dtype} with a ${gradient.dtype} gradient; Adam needs float32`);
      }
    });
    tf.tidy(() => {
      names.forEach((name, i) => {
        const x = tf.engine().registeredVariables[name];
        // Slots created lazily, named and ordered as the stock optimiser does (getWeights / setWeights rely on it).
        s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(x).variable(false)) };
        s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(x).variable(false)) };
        const gradient = gradientOf(name, i);
        if (gradient == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const inputs = { x, m, v, gradient, accBeta1: s.accBeta1, accBeta2: s.accBeta2 };
        const [x1, m1, v1] = tf.engine().runKernel(ADAM_UPDATE, inputs as unknown as tf.NamedTensorMap, attrs) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        x.assign(x1);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    this.incrementIterations();
  }
}

/** `tf.train.adam` with the fused update: same arguments, same numbers. */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): FusedAdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
