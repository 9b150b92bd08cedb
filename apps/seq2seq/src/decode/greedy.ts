/**
 * Greedy (free-running) decoding: each step feeds back the argmax of the previous step. Runs all
 * `steps` steps (no host sync inside the loop); tokens after the first END are ignored by `decode`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { START } from '@stablegen/data';
import { decoderStep, initialState, prepareDecoder } from '../model/decoder.js';
import { encode } from '../model/encoder.js';
import type { Seq2SeqParams } from '../model/params.js';

/**
 * @param p weights
 * @param x [batch, Tin] int32 inputs
 * @param steps output tokens to produce (the target length without START)
 * @returns [batch * steps] row-major token ids of shape [batch, steps]
 */
export function greedyDecode(p: Seq2SeqParams, x: tf.Tensor2D, steps: number): Int32Array {
  return tf.tidy(() => {
    const ctx = prepareDecoder(p, encode(p, x));
    let state = initialState(ctx.enc);
    let tokens = tf.fill([x.shape[0]], START, 'int32') as tf.Tensor1D;
    const out: tf.Tensor1D[] = [];
    for (let t = 0; t < steps; t++) {
      const step = decoderStep(ctx, state, tokens);
      state = step.state;
      tokens = tf.argMax(step.logits, 1) as tf.Tensor1D;
      out.push(tokens);
    }
    return tf.stack(out, 1).dataSync() as Int32Array;
  });
}
