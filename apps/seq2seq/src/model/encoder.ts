/**
 * The encoder: character embedding + one GRU layer over the input (left to right). The embedding
 * and the GRU's input projection are folded into one [Vin, 3H] table per forward pass, looked up
 * for all T steps with one oneHot matMul (tfjs-backend-wasm's GatherV2 is ~9x slower than that
 * here); the loop then costs one GRU cell per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PAD } from '@stablegen/data';
import { gruStep, splitRecurrent } from './gru.js';
import type { Seq2SeqParams } from './params.js';
import { tidyOf } from './tidy.js';

/** What the decoder attends over. */
export interface Encoded {
  /** [batch, T, H] GRU output at every input position */
  outputs: tf.Tensor3D;
  /** [batch, H] state after the last position (the decoder's initial state) */
  final: tf.Tensor2D;
  /** [batch, T] 0 at real tokens, -1e9 at PAD (added to attention scores) */
  maskBias: tf.Tensor2D;
}

/** Large negative score for PAD positions: exp(-1e9 - max) underflows to exactly 0. */
const MASKED = -1e9;

/**
 * oneHot as float32. (tfjs-backend-wasm 4.22's OneHot kernel ignores dtype 'float32' and writes
 * the int32 bit patterns, 1 -> 1.4e-45, so we build int32 and cast.)
 * @param ids [n] int32
 * @returns [n, depth] float32
 */
export function oneHotFloat(ids: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(ids, depth), 'float32') as tf.Tensor2D);
}

/**
 * Rows of `table` picked by `ids`, as oneHot(ids) @ table (the gradient is a matMul too).
 * @param ids [n] int32
 * @param table [V, d]
 * @returns [n, d]
 */
export function lookup(ids: tf.Tensor1D, table: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(oneHotFloat(ids, table.shape[0]), table));
}

/**
 * @param p weights
 * @param x [batch, T] int32 input token ids (PAD = 0 after the text)
 */
export function encode(p: Seq2SeqParams, x: tf.Tensor2D): Encoded {
  return tidyOf(() => {
    const [batch, steps] = x.shape;
    const hidden = p.encU.shape[0];
    const table = tf.add(tf.matMul(p.encEmbedding, p.encWx), p.encB) as tf.Tensor2D; // [Vin, 3H] = E W_x + b
    const ids = tf.reshape(tf.transpose(x), [steps * batch]) as tf.Tensor1D; // time-major [T*B]
    const xw = tf.reshape(lookup(ids, table), [steps, batch, 3 * hidden]);
    const [xzr, xn] = tf.split(xw, [2 * hidden, hidden], 2); // [T, B, 2H], [T, B, H]
    const zrSteps = tf.unstack(xzr) as tf.Tensor2D[];
    const nSteps = tf.unstack(xn) as tf.Tensor2D[];
    const u = splitRecurrent(p.encU as tf.Tensor2D);
    let h = tf.zeros([batch, hidden]) as tf.Tensor2D;
    const outs: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      h = gruStep({ zr: zrSteps[t], n: nSteps[t] }, h, u);
      outs.push(h);
    }
    const outputs = tf.stack(outs, 1) as tf.Tensor3D; // [B, T, H]
    const maskBias = tf.mul(tf.cast(tf.equal(x, PAD), 'float32'), MASKED) as tf.Tensor2D;
    return { outputs, final: h, maskBias };
  });
}

/**
 * Rows `index` of every tensor of `e` (beam search repeats each example k times).
 * @param index [n] int32 row ids into the batch
 */
export function selectEncodedRows(e: Encoded, index: tf.Tensor1D): Encoded {
  return { outputs: tf.gather(e.outputs, index), final: tf.gather(e.final, index), maskBias: tf.gather(e.maskBias, index) };
}
