/**
 * One update: unroll the decoder with the step's input policy, masked cross-entropy, gradients of
 * every weight, clipping by global norm, Adam. Runs inside the trainer's tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { paramList, type Seq2SeqParams } from './model/params.js';
import { tidyOf } from './model/tidy.js';
import { clipByGlobalNorm } from './train/clip.js';
import { maskedCrossEntropy } from './train/loss.js';
import { type InputPolicy, unrollDecoder } from './train/unroll.js';

export interface TextBatch {
  /** [batch, Tin] int32 */
  x: tf.Tensor2D;
  /** [batch * L] row-major targets of shape [batch, L] (START, chars, END, PAD...) */
  y: Int32Array;
  /** L */
  length: number;
}

/** y[:, 1:] transposed to time-major [L - 1, batch]: the tokens each decoder step predicts. */
export function timeMajorTargets(y: Int32Array, batch: number, length: number): tf.Tensor2D {
  const out = new Int32Array((length - 1) * batch);
  for (let t = 1; t < length; t++) for (let b = 0; b < batch; b++) out[(t - 1) * batch + b] = y[b * length + t];
  return tf.tensor2d(out, [length - 1, batch], 'int32');
}

export interface StepMetrics {
  'loss/ce': number;
  grad_norm: number;
  'tf/realised_rate': number;
}

/**
 * @param p weights (all trained)
 * @param opt Adam (its learning rate is set by the caller)
 * @param clipNorm global-norm bound (Infinity: none)
 */
export function trainStep(p: Seq2SeqParams, opt: tf.Optimizer, batch: TextBatch, policy: InputPolicy, clipNorm: number): StepMetrics {
  return tidyOf(() => {
    const targets = timeMajorTargets(batch.y, batch.x.shape[0], batch.length);
    let rate = 1;
    const { value, grads } = tf.variableGrads(() => {
      const u = unrollDecoder(p, batch.x, batch.y, batch.length, policy);
      rate = u.groundTruthRate;
      return maskedCrossEntropy(u.logits, targets);
    }, paramList(p));
    const clipped = clipByGlobalNorm(grads, clipNorm);
    opt.applyGradients(clipped.grads);
    const metrics: StepMetrics = { 'loss/ce': value.dataSync()[0], grad_norm: clipped.norm.dataSync()[0], 'tf/realised_rate': rate };
    return metrics;
  });
}
