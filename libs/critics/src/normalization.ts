/**
 * Normalisation choice for critics. 'layer' and 'instance' normalise each sample on its own;
 * 'batch' mixes statistics across the batch, so a critic that sees real and fake samples in one
 * batch leaks information between them (and per-sample gradient penalties stop being
 * per-sample, Gulrajani et al. 2017, sec. 4): choosing it logs a warning.
 */
import { layers } from '@tensorflow/tfjs-layers';
import { InstanceNorm, LayerNorm } from '@stablegen/layers';

export type CriticNormalization = 'none' | 'layer' | 'instance' | 'batch';

export const CRITIC_NORMALIZATIONS: readonly CriticNormalization[] = ['none', 'layer', 'instance', 'batch'];

/** Where warnings go (default `console`). */
export interface CriticLogger {
  warn(message: string): void;
}

/**
 * Validates `kind` for a critic named `who`; warns through `logger` for 'batch'.
 * @param vectorInput true for critics of vectors, where 'instance' (per-channel over space) has no meaning
 */
export function checkNormalization(kind: string, who: string, logger: CriticLogger, vectorInput = false): CriticNormalization {
  if (!(CRITIC_NORMALIZATIONS as readonly string[]).includes(kind)) {
    throw new Error(`${who}: unknown normalization '${kind}'; choose one of ${CRITIC_NORMALIZATIONS.join(', ')}`);
  }
  if (vectorInput && kind === 'instance') {
    throw new Error(`${who}: 'instance' normalization needs spatial axes; use 'layer' for vector inputs`);
  }
  if (kind === 'batch') {
    logger.warn(
      `${who}: batch normalization in a critic mixes statistics of the real and fake samples in a batch ` +
        `(and makes gradient penalties depend on the whole batch); prefer 'layer' or 'instance'`,
    );
  }
  return kind as CriticNormalization;
}

/** A fresh normalisation layer of `kind` (per channel on the last axis), or undefined for 'none'. */
export function normalizationLayer(kind: CriticNormalization): layers.Layer | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'layer':
      return new LayerNorm();
    case 'instance':
      return new InstanceNorm();
    case 'batch':
      return layers.batchNormalization({ axis: -1 });
  }
}

/** The layer list [norm?, LeakyReLU(0.2)] that follows a weight layer in a critic. */
export function normThenLeaky(kind: CriticNormalization): layers.Layer[] {
  const norm = normalizationLayer(kind);
  const leaky = layers.leakyReLU({ alpha: 0.2 });
  return norm ? [norm, leaky] : [leaky];
}
