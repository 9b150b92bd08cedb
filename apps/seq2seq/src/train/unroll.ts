/**
 * The decoder unrolled over a target sequence with scheduled sampling (Bengio et al. 2015): at
 * step t >= 1 the input is the ground-truth token y_{t-1} with probability eps, else the model's own
 * prediction from step t-1 (`chooseDecoderInputs` of @stablegen/teacher-forcing, one coin per
 * sequence and step). eps = 1 is plain teacher forcing (no coins drawn).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { START } from '@stablegen/data';
import { chooseDecoderInputs, type PredictionMode } from '@stablegen/teacher-forcing';
import { advanceDecoder, initialState, prepareDecoder, readout } from '../model/decoder.js';
import { encode } from '../model/encoder.js';
import type { Seq2SeqParams } from '../model/params.js';
import { tidyOf } from '../model/tidy.js';

export interface InputPolicy {
  /** probability of feeding the ground truth at each step */
  eps: number;
  /** how the model's own token is read from its logits */
  mode: PredictionMode;
  rng: Rng;
}

export interface Unrolled {
  /** [L - 1, batch, V] logits predicting y[:, 1:] */
  logits: tf.Tensor3D;
  /** share of inputs (steps 1..L-2, all rows) that were ground truth; 1 when eps = 1 */
  groundTruthRate: number;
}

/** Column t of a row-major [batch, length] int32 array. */
export function column(y: Int32Array, batch: number, length: number, t: number): Int32Array {
  return Int32Array.from({ length: batch }, (_, b) => y[b * length + t]);
}

/** A copy with no path back to the weights: predictions chosen from it add nothing to the tape. */
const detach = (t: tf.Tensor2D): tf.Tensor2D => tf.tensor2d(t.dataSync() as Float32Array, t.shape);

/**
 * @param p weights
 * @param x [batch, Tin] int32 inputs
 * @param y [batch * L] row-major targets (START, chars, END, PAD...) of shape [batch, L]
 * @param policy the input choice; omit for plain teacher forcing
 */
export function unrollDecoder(p: Seq2SeqParams, x: tf.Tensor2D, y: Int32Array, length: number, policy?: InputPolicy): Unrolled {
  return tidyOf(() => {
    const batch = x.shape[0];
    const ctx = prepareDecoder(p, encode(p, x));
    let state = initialState(ctx.enc);
    let tokens = tf.fill([batch], START, 'int32') as tf.Tensor1D;
    const feeds: tf.Tensor2D[] = [];
    let [heads, draws] = [0, 0];
    for (let t = 0; t < length - 1; t++) {
      state = advanceDecoder(ctx, state, tokens);
      feeds.push(state.feed);
      if (t === length - 2) break;
      const truth = column(y, batch, length, t + 1);
      if (!policy || policy.eps >= 1) {
        tokens = tf.tensor1d(truth, 'int32');
        continue;
      }
      // The model's own previous prediction, from a copy: the choice adds nothing to the gradient.
    const chosen = chooseDecoderInputs(truth, detach(readout(p, state.feed)), policy.eps, { mode: policy.mode, rng: policy.rng });
      tokens = chosen.inputs;
      heads += chosen.groundTruthRate * batch;
      draws += batch;
    }
    const hidden = state.feed.shape[1];
    const logits = readout(p, tf.reshape(tf.stack(feeds), [feeds.length * batch, hidden])); // all steps in one matMul
    return { logits: tf.reshape(logits, [feeds.length, batch, -1]) as tf.Tensor3D, groundTruthRate: draws === 0 ? 1 : heads / draws };
  });
}
