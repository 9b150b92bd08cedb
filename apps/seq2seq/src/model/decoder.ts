/**
 * One decoder step, callable repeatedly (scheduled sampling chooses each step's input token):
 *   x_t = E[y_{t-1}] W_x + b + h~_{t-1} W_f          (input feeding, Luong et al. 2015 sec. 3.3)
 *   h_t = GRU(x_t, h_{t-1});  c_t = attention(h_t, encoder outputs)
 *   h~_t = tanh([c_t; h_t] W_c + b_c);  logits_t = h~_t W_o + b_o
 * `prepareDecoder` folds E W_x + b into a [Vout, 3H] table and stacks it over W_f once per
 * forward pass, so the GRU input of a step is [oneHot(y_{t-1}); h~_{t-1}] times two matrices.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dotContext } from './attention.js';
import { oneHotFloat, type Encoded } from './encoder.js';
import { gruStep, splitRecurrent, type GruWeights } from './gru.js';
import type { Seq2SeqParams } from './params.js';
import { tidyOf } from './tidy.js';

export interface DecoderState {
  /** [batch, H] GRU state */
  h: tf.Tensor2D;
  /** [batch, H] previous attentional state h~ (zeros before the first step) */
  feed: tf.Tensor2D;
}

/** What every step of one decode shares. */
export interface DecoderContext {
  p: Seq2SeqParams;
  enc: Encoded;
  /** [Vout + H, 2H] rows: (E W_x + b) then W_f, [z | r] columns */
  inZr: tf.Tensor2D;
  /** [Vout + H, H] the same for the n block */
  inN: tf.Tensor2D;
  u: GruWeights;
}

export interface StepOutput {
  /** [batch, Vout] */
  logits: tf.Tensor2D;
  state: DecoderState;
}

/** The per-decode weights and the encoder outputs. */
export function prepareDecoder(p: Seq2SeqParams, enc: Encoded): DecoderContext {
  return tidyOf(() => {
    const [vocab, hidden] = [p.decEmbedding.shape[0], p.decU.shape[0]];
    const input = tf.concat([tf.add(tf.matMul(p.decEmbedding, p.decWx), p.decB), p.decWf], 0); // [V + H, 3H]
    const inZr = tf.slice(input, [0, 0], [vocab + hidden, 2 * hidden]) as tf.Tensor2D;
    const inN = tf.slice(input, [0, 2 * hidden], [vocab + hidden, hidden]) as tf.Tensor2D;
    return { p, enc, inZr, inN, u: splitRecurrent(p.decU as tf.Tensor2D) };
  });
}

/** h_0 = the encoder's final state, h~_0 = 0. */
export function initialState(enc: Encoded): DecoderState {
  return { h: enc.final, feed: tf.zerosLike(enc.final) };
}

/**
 * The recurrent part of a step: GRU, attention and h~ (everything but the output projection).
 * @param ctx from prepareDecoder
 * @param state previous state
 * @param tokens [batch] int32 previous output tokens (START at the first step)
 */
export function advanceDecoder(ctx: DecoderContext, state: DecoderState, tokens: tf.Tensor1D): DecoderState {
  return tidyOf(() => {
    const { p, enc } = ctx;
    const input = tf.concat([oneHotFloat(tokens, p.decEmbedding.shape[0]), state.feed], 1); // [B, V + H]
    const h = gruStep({ zr: tf.matMul(input, ctx.inZr), n: tf.matMul(input, ctx.inN) }, state.h, ctx.u);
    const context = dotContext(enc.outputs, enc.maskBias, h);
    const feed = tf.tanh(tf.add(tf.matMul(tf.concat([context, h], 1), p.attWc as tf.Tensor2D), p.attB)) as tf.Tensor2D;
    return { h, feed };
  });
}

/**
 * The output projection logits = h~ W_o + b_o (training applies it to all steps at once).
 * @param feed [n, H] attentional states h~
 * @returns [n, Vout]
 */
export function readout(p: Seq2SeqParams, feed: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(feed, p.outW as tf.Tensor2D), p.outB) as tf.Tensor2D);
}

/**
 * One whole step: advanceDecoder then readout.
 * @param tokens [batch] int32 previous output tokens (START at the first step)
 */
export function decoderStep(ctx: DecoderContext, state: DecoderState, tokens: tf.Tensor1D): StepOutput {
  return tidyOf(() => {
    const next = advanceDecoder(ctx, state, tokens);
    return { logits: readout(ctx.p, next.feed), state: next };
  });
}

/** Rows `index` of the state (beam search reorders hypotheses). @param index [n] int32 */
export function selectStateRows(s: DecoderState, index: tf.Tensor1D): DecoderState {
  return { h: tf.gather(s.h, index), feed: tf.gather(s.feed, index) };
}
