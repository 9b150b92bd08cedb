/**
 * One critic update of a Wasserstein GAN with gradient penalty (Gulrajani et al. 2017, alg. 1):
 * loss E[D(x~)] - E[D(x)] + lambda E[(||grad D(x^)|| - 1)^2] with x^ interpolated per sample, plus
 * optionally the drift penalty epsilon E[D(x)^2] (Karras et al. 2018). Shared by wgan-gp and
 * progressive; each family draws its own real and fake batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import { driftPenalty, wganGradientPenalty } from '@stablegen/gradient-penalty';
import { wasserstein } from '@stablegen/losses';

export interface WganCriticUpdate {
  optimizer: tf.Optimizer;
  /** The critic's trainable variables. */
  variables: tf.Variable[];
  /** The critic in training mode: [n, ...] -> [n, 1]. */
  critic: (x: tf.Tensor) => tf.Tensor;
  /** [b, ...] each. */
  real: tf.Tensor;
  fake: tf.Tensor;
  /** Seed of the interpolation weights. */
  seed: number;
  /** Penalty weight lambda. */
  lambda: number;
  /**
   * Score real and fake in one pass over [2b, ...] (faster; only for critics without batch
   * statistics); false scores them apart (a minibatch-stddev critic must not mix them).
   */
  jointPass: boolean;
  /** epsilon of the drift penalty; absent = no drift term. */
  driftEpsilon?: number;
}

/**
 * Applies one update and returns its terms for logging.
 * @returns [5]: critic loss, Wasserstein estimate E[D(x)] - E[D(x~)], penalty, drift (0 when off), mean ||grad D(x^)||
 */
export function wganCriticUpdate(u: WganCriticUpdate): tf.Tensor1D {
  return tf.tidy(() => {
    const b = u.real.shape[0];
    // minimize() runs the loss in its own tidy; the terms for logging are kept and disposed below.
    let terms: tf.Scalar[] = [];
    const loss = u.optimizer.minimize(
      () => {
        let realScores: tf.Tensor;
        let fakeScores: tf.Tensor;
        if (u.jointPass) {
          const scores = u.critic(tf.concat([u.real, u.fake])); // [2b, 1]
          [realScores, fakeScores] = [tf.slice(scores, 0, b), tf.slice(scores, b, b)];
        } else {
          realScores = u.critic(u.real); // [b, 1]
          fakeScores = u.critic(u.fake);
        }
        const w = wasserstein.critic(realScores, fakeScores);
        const { penalty, gradNorm } = wganGradientPenalty(u.critic, u.real, u.fake, { seed: u.seed, lambda: u.lambda });
        const drift = u.driftEpsilon === undefined ? undefined : driftPenalty(realScores, u.driftEpsilon);
        terms = [tf.keep(tf.neg(w)), tf.keep(penalty), tf.keep(drift ?? tf.scalar(0)), tf.keep(gradNorm)];
        return (drift ? tf.addN([w, penalty, drift]) : tf.add(w, penalty)) as tf.Scalar;
      },
      true,
      u.variables,
    ) as tf.Scalar;
    try {
      return tf.stack([loss, ...terms]) as tf.Tensor1D;
    } finally {
      terms.forEach((t) => t.dispose());
    }
  });
}
