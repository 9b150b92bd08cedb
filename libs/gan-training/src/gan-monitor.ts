/**
 * @stablegen/stability's diagnostics for a GAN's two players: the critic's and the generator's
 * loss, each on two fixed probe minibatches (real data and latents drawn from the run seed, the
 * data stream's position restored afterwards, so monitoring never changes training). Logged as
 * `stab/critic/...` and `stab/generator/...` every `every` steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, type Rng } from '@stablegen/random';
import { type MonitoredLoss, stabilityMonitor } from '@stablegen/stability';
import type { Forward } from './layer-chain.js';
import type { RealData } from './training-data.js';
import { type LatentPrior, latentPrior } from './latent-prior.js';

/** Config keys of the monitor, for an app's schema (`.extend(monitorFlags)`): `--monitor-every`, `--monitor-until`, `--monitor-hessian-iterations`. */
export const monitorFlags = {
  monitorEvery: z.number().int().nonnegative().default(500).describe('stability diagnostics (gradient norms per layer, gradient cosine, sharpness) every N steps and at step 1 (0 = off)'),
  monitorUntil: z.number().int().positive().optional().describe('last step the diagnostics are measured at (default: to the end of the run); e.g. the first 10% of the steps, where an early warning is read, without paying for the rest'),
  monitorHessianIterations: z.number().int().nonnegative().default(10).describe('power iterations of the sharpness estimate (0 = no Hessian)'),
};

/** The parts of an app's models the monitor reads. */
export interface MonitoredGan {
  generator: LayersModel;
  critic: LayersModel;
  optG: tf.Optimizer;
  optD: tf.Optimizer;
  forward: { generator: Forward; critic: Forward };
  real: RealData;
  /** What the generator's input is drawn from (default N(0, I) in the monitor's latentDim); a class-conditional app sets it. */
  prior?: LatentPrior;
}

export interface GanMonitorOptions<M extends MonitoredGan> {
  /** Measure at step 1 and every this many steps. */
  every: number;
  /** Power iterations for the sharpness (0 = skip the Hessian). */
  hessianIterations: number;
  /** Last step measured (absent = to the end). */
  until?: number;
  batchSize: number;
  /** Probe latents are N(0, I) in this many dimensions unless the models carry a `prior`. */
  latentDim: number;
  /** The run seed: the probe batches are drawn from it alone. */
  seed: number;
  /** The critic's loss on critic scores of real and fake batches. Scalar. */
  criticLoss(models: M, real: tf.Tensor, fake: tf.Tensor): tf.Scalar;
  /** The generator's loss on a fake batch. Scalar. */
  generatorLoss(models: M, fake: tf.Tensor): tf.Scalar;
}

/**
 * Two probe minibatches for a monitor, drawn from the run seed alone: real [b, ...] from
 * `next(rng)` with the data stream's position restored afterwards (so training is unchanged), and
 * z [b, latentDim] from N(0, I) or [b, prior.dim] from `prior`. The caller disposes them.
 */
export function probeBatches<S>(
  stream: { state(): S; restore(state: S): void },
  next: (rng: Rng) => tf.Tensor,
  o: { seed: number; batchSize: number; latentDim: number; prior?: LatentPrior },
): { real: tf.Tensor; z: tf.Tensor }[] {
  const prior = o.prior ?? latentPrior(o.latentDim);
  const position = stream.state();
  try {
    return [0, 1].map((draw) => {
      const rng = createRng(o.seed * 104729 + 31 * draw + 7);
      return { real: next(rng), z: prior.sample(o.batchSize, rng) };
    });
  } finally {
    stream.restore(position);
  }
}

/** The trainer callback (see stabilityMonitor). Generator forward in inference mode: no batch-norm statistics move. */
export function ganStabilityMonitor<M extends MonitoredGan>(options: GanMonitorOptions<M>) {
  return stabilityMonitor<M>(
    (m): MonitoredLoss[] => {
      const probes = probeBatches(m.real, (rng) => m.real.next(rng), { ...options, prior: m.prior });
      const fake = (d: number) => m.forward.generator(probes[d].z, false);
      const dispose = () => tf.dispose(probes.flatMap((p) => [p.real, p.z]));
      return [
        { name: 'critic', loss: (d) => options.criticLoss(m, probes[d].real, fake(d)), weights: m.critic.trainableWeights, optimizer: m.optD },
        { name: 'generator', loss: (d) => options.generatorLoss(m, fake(d)), weights: m.generator.trainableWeights, optimizer: m.optG, dispose },
      ];
    },
    { every: options.every, hessianIterations: options.hessianIterations, until: options.until },
  );
}
