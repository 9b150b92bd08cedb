/**
 * The generator EMA across growth. WeightEma tracks a fixed list of weights; when the generator
 * grows, a new average is made over the new model's weights and every weight that carries over
 * keeps its running average (matched by variable identity), so only the new block's layers start
 * from their current values, as in the official code's Gs. The retired toRGB's average is dropped.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { trainableVariables } from '@stablegen/layers';
import { WeightEma } from '@stablegen/stability';

export interface GrowingEma {
  ema: WeightEma;
  /** The tracked variables, in WeightEma's order (its `ema/<i>` keys). */
  sources: tf.Variable[];
}

/**
 * The EMA decay after `imagesSeen` images: `maxDecay`, capped so the average's half-life is at most
 * `rampup` x images seen (StyleGAN2-ADA's ema_rampup): decay = min(maxDecay, 0.5^(batch / (rampup x
 * imagesSeen))). Without it, 0.999 per step (the paper's, for runs of millions of images) would keep
 * 45% of a new block's initial weights after 800 steps. `rampup` 0 gives `maxDecay` throughout.
 */
export function emaDecayAt(imagesSeen: number, batchSize: number, maxDecay: number, rampup: number): number {
  if (rampup === 0) return maxDecay;
  return Math.min(maxDecay, 0.5 ** (batchSize / (rampup * Math.max(imagesSeen, 1))));
}

/** An EMA over `model`'s trainable weights that continues `previous` (disposed) where weights carry over. */
export function trackEma(model: LayersModel, decay: number, previous?: GrowingEma): GrowingEma {
  const sources = trainableVariables(model);
  const ema = new WeightEma(model, { decay, name: 'ema' });
  if (previous) {
    const shadowOf = new Map(previous.sources.map((v, i) => [v, previous.ema.variables[`ema/${i}`]]));
    sources.forEach((v, i) => {
      const old = shadowOf.get(v);
      if (old) ema.variables[`ema/${i}`].assign(old);
    });
    ema.variables['ema/count'].assign(previous.ema.variables['ema/count']);
    previous.ema.dispose();
  }
  return { ema, sources };
}
