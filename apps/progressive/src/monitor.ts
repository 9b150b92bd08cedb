/**
 * Stability diagnostics for progressive growing (`--monitor-every N`, off by default: a sharpness
 * estimate at 32x32 costs about as much as 30 training steps). The critic's loss (Wasserstein +
 * drift; the gradient penalty is left out, its Hessian would need third derivatives) and the
 * generator's, at the current resolution and fade-in alpha, on two probe minibatches drawn from
 * the seed; the image sampler's position is restored, so training is unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import { probeBatches } from '@stablegen/gan-training';
import { driftPenalty } from '@stablegen/gradient-penalty';
import { wasserstein } from '@stablegen/losses';
import { type MonitoredLoss, type StabilityMonitor, stabilityMonitor } from '@stablegen/stability';
import type { ProgressiveConfig } from './config.js';
import type { ProgressiveModels } from './models.js';
import { realsAt } from './resample.js';

/** The monitor callbacks for `config` (none when --monitor-every is 0). */
export function progressiveMonitors(config: Readonly<ProgressiveConfig>): StabilityMonitor<ProgressiveModels>[] {
  if (config.monitorEvery === 0) return [];
  const targets = (m: ProgressiveModels): MonitoredLoss[] => {
    const p = probeBatches(m.source, () => tf.tidy(() => realsAt(m.source.nextBatch(), m.generator.resolution, m.generator.alpha)), config);
    const critic = (x: tf.Tensor) => m.critic.model.apply(x, { training: true }) as tf.Tensor; // [b, 1]
    const fake = (d: number) => m.generator.model.apply(p[d].z, { training: true }) as tf.Tensor; // [b, res, res, c]
    const criticLoss = (d: number) => {
      const realScores = critic(p[d].real);
      return tf.add(wasserstein.critic(realScores, critic(fake(d))), driftPenalty(realScores, config.driftEpsilon)) as tf.Scalar;
    };
    return [
      { name: 'critic', loss: criticLoss, weights: m.critic.model.trainableWeights, optimizer: m.optD },
      { name: 'generator', loss: (d) => wasserstein.generator(critic(fake(d))), weights: m.generator.model.trainableWeights, optimizer: m.optG, dispose: () => tf.dispose(p.flatMap((b) => [b.real, b.z])) },
    ];
  };
  return [stabilityMonitor(targets, { every: config.monitorEvery, hessianIterations: config.monitorHessianIterations, until: config.monitorUntil })];
}
