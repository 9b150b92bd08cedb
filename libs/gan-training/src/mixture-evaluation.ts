/**
 * Judges a 2-D generator with the PacGAN protocol (Lin et al. 2018, Table 1): `n` samples (2,500
 * in the paper) from a fixed latent batch, scored by `modeCoverage` of @stablegen/metrics.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MixtureSpec } from '@stablegen/data';
import { modeCoverage } from '@stablegen/metrics';
import { fixedLatent } from './fixed-latent.js';
import { generate } from './generate.js';

/** Log keys: modes covered, share of high-quality samples (within 3 std of their mode), reverse KL. */
export interface MixtureScores extends Record<string, number> {
  modes: number;
  hq_share: number;
  reverse_kl: number;
}

/** @param points [n, 2] row-major */
export function scoreMixture(points: ArrayLike<number>, spec: MixtureSpec): MixtureScores {
  const c = modeCoverage(points, spec.centres, spec.std);
  return { modes: c.modesCovered, hq_share: c.hqShare, reverse_kl: c.reverseKl };
}

export interface MixtureEvaluator {
  /** The generator's points for the fixed latent batch, [n, 2] row-major. */
  points(generator: LayersModel): Float32Array;
  evaluate(generator: LayersModel): MixtureScores;
  dispose(): void;
}

/**
 * @param n samples per evaluation (2,500 for the PacGAN protocol)
 * @param seed the run's seed; the latent batch is drawn from it alone, so every evaluation and a
 *   resumed run see the same z
 */
export function createMixtureEvaluator(spec: MixtureSpec, n: number, latentDim: number, seed: number): MixtureEvaluator {
  const z = fixedLatent(n, latentDim, seed + 1);
  const points = (generator: LayersModel): Float32Array => {
    const out = generate(generator, z) as tf.Tensor2D; // [n, 2]
    try {
      if (out.shape[1] !== 2) throw new Error(`mixture evaluation: the generator must output [n, 2] points, got [${out.shape.join(', ')}]`);
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  };
  return {
    points,
    evaluate: (generator) => scoreMixture(points(generator), spec),
    dispose: () => z.dispose(),
  };
}
