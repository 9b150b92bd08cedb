/**
 * Greedy (free-running) decoding: each step feeds back the argmax of the previous step. Runs all
 * `steps` steps (no host sync inside the loop); tokens after the first END are ignored by `decode`.
 * With a forced prefix the first decoder inputs are the true tokens instead (the continuation
 * measurement of He et al. 2021), and the argmax is fed back only after them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { START } from '@stablegen/data';
import { decoderStep, initialState, prepareDecoder } from '../model/decoder.js';
import { encode } from '../model/encoder.js';
import type { Seq2SeqParams } from '../model/params.js';

/** The true tokens fed before greedy decoding takes over. */
export interface ForcedPrefix {
  /** row-major [batch, steps + 1] targets, START first (the y of a dataset) */
  y: Int32Array;
  /** true target tokens fed after START: decoder inputs 0..length are y[:, 0..length] */
  length: number;
}

/**
 * @param p weights
 * @param x [batch, Tin] int32 inputs
 * @param steps output tokens to produce (the target length without START)
 * @param prefix optional forced prefix; the predictions at steps 0..prefix.length then have a true history
 * @returns [batch * steps] row-major token ids of shape [batch, steps]
 */
export function greedyDecode(p: Seq2SeqParams, x: tf.Tensor2D, steps: number, prefix?: ForcedPrefix): Int32Array {
  const forced = prefix?.length ?? 0;
  if (prefix !== undefined && (forced < 0 || forced > steps || prefix.y.length !== x.shape[0] * (steps + 1))) {
    throw new Error(`greedyDecode: prefix of ${forced} tokens with y of ${prefix.y.length} values does not fit ${x.shape[0]} rows of ${steps} steps`);
  }
  return tf.tidy(() => {
    const ctx = prepareDecoder(p, encode(p, x));
    const truth = forced > 0 ? tf.tensor2d(prefix!.y, [x.shape[0], steps + 1], 'int32') : undefined;
    let state = initialState(ctx.enc);
    let tokens = tf.fill([x.shape[0]], START, 'int32') as tf.Tensor1D;
    const out: tf.Tensor1D[] = [];
    for (let t = 0; t < steps; t++) {
      const step = decoderStep(ctx, state, tokens);
      state = step.state;
      const predicted = tf.argMax(step.logits, 1) as tf.Tensor1D;
      out.push(predicted);
      tokens = truth !== undefined && t + 1 <= forced ? (tf.squeeze(tf.slice(truth, [0, t + 1], [-1, 1]), [1]) as tf.Tensor1D) : predicted;
    }
    return tf.stack(out, 1).dataSync() as Int32Array;
  });
}
