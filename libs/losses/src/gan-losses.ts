/**
 * Adversarial losses as pure functions of critic logits (raw scores, any shape [batch] or
 * [batch, 1]); each returns a scalar to minimise. With D = sigmoid(logit):
 *   minimax (Goodfellow et al. 2014):  L_D = -E[log D(x)] - E[log(1 - D(G(z)))]
 *                                      L_G =  E[log(1 - D(G(z)))]            = -E[softplus(f)]
 *   non-saturating (same paper, sec. 3): L_D as minimax, L_G = -E[log D(G(z))] = E[softplus(-f)]
 *   hinge (Lim & Ye 2017; Miyato et al. 2018): L_D = E[relu(1 - r)] + E[relu(1 + f)], L_G = -E[f]
 *   Wasserstein (Arjovsky et al. 2017): L_D = E[f] - E[r], L_G = -E[f]
 * One-sided label smoothing (Salimans et al. 2016) sets the real target to t < 1 in the log-loss
 * critic: L_D = E[t softplus(-r) + (1 - t) softplus(r)] + E[softplus(f)].
 */
import * as tf from '@tensorflow/tfjs-core';
import { stableSoftplus } from './stable.js';

export interface CriticLossOptions {
  /** Target for real samples in the log-loss families (1 = no smoothing; 0.9 = one-sided smoothing). */
  realTarget?: number;
}

export interface GanLoss {
  name: LossName;
  /** @param real critic logits on real samples; @param fake on generated samples */
  critic(real: tf.Tensor, fake: tf.Tensor, options?: CriticLossOptions): tf.Scalar;
  /** @param fake critic logits on generated samples */
  generator(fake: tf.Tensor): tf.Scalar;
}

export type LossName = 'minimax' | 'non-saturating' | 'hinge' | 'wasserstein';

/** -E[log D(x)] (smoothed) - E[log(1 - D(G(z)))], shared by minimax and non-saturating. */
function logLossCritic(real: tf.Tensor, fake: tf.Tensor, options: CriticLossOptions = {}): tf.Scalar {
  const t = options.realTarget ?? 1;
  if (!(t > 0 && t <= 1)) throw new Error(`realTarget must be in (0, 1], got ${t}`);
  return tf.tidy(() => {
    const realTerm = t === 1 ? stableSoftplus(tf.neg(real)) : tf.add(tf.mul(t, stableSoftplus(tf.neg(real))), tf.mul(1 - t, stableSoftplus(real)));
    return tf.add(tf.mean(realTerm), tf.mean(stableSoftplus(fake))) as tf.Scalar;
  });
}

export const minimax: GanLoss = {
  name: 'minimax',
  critic: logLossCritic,
  generator: (fake) => tf.tidy(() => tf.neg(tf.mean(stableSoftplus(fake))) as tf.Scalar),
};

export const nonSaturating: GanLoss = {
  name: 'non-saturating',
  critic: logLossCritic,
  generator: (fake) => tf.tidy(() => tf.mean(stableSoftplus(tf.neg(fake))) as tf.Scalar),
};

/** Label smoothing has no meaning for margin / score losses: refuse it rather than ignore it. */
function noSmoothing(name: LossName, options: CriticLossOptions = {}): void {
  const t = options.realTarget;
  if (t !== undefined && t !== 1) {
    throw new Error(`realTarget (label smoothing) applies to the minimax and non-saturating losses only; ${name} got ${t}: set it to 1`);
  }
}

/** E[relu(1 - r)] + E[relu(1 + f)]. */
function hingeCritic(real: tf.Tensor, fake: tf.Tensor, options?: CriticLossOptions): tf.Scalar {
  noSmoothing('hinge', options);
  return tf.tidy(() => tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as tf.Scalar);
}

/** E[f] - E[r]. */
function wassersteinCritic(real: tf.Tensor, fake: tf.Tensor, options?: CriticLossOptions): tf.Scalar {
  noSmoothing('wasserstein', options);
  return tf.tidy(() => tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar);
}

/** -E[f], the generator side of both hinge and Wasserstein. */
const negMean = (fake: tf.Tensor): tf.Scalar => tf.tidy(() => tf.neg(tf.mean(fake)) as tf.Scalar);

export const hinge: GanLoss = { name: 'hinge', critic: hingeCritic, generator: negMean };

export const wasserstein: GanLoss = { name: 'wasserstein', critic: wassersteinCritic, generator: negMean };

const LOSSES: Record<LossName, GanLoss> = { minimax, 'non-saturating': nonSaturating, hinge, wasserstein };
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];

/** The loss called `name` (for a `--loss` flag); unknown names throw listing the valid ones. */
export function lossByName(name: string): GanLoss {
  const loss = LOSSES[name as LossName];
  if (!loss) throw new Error(`unknown loss '${name}': choose one of ${LOSS_NAMES.join(', ')}`);
  return loss;
}
