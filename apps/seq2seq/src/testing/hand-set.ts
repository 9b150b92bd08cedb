/**
 * Test fixtures: a decoder whose weights are set by hand so that its logits depend only on the
 * previous token, through a transition table L (logits_t = L[y_{t-1}] up to ~1e-11):
 * E_dec = I, the GRU's z gate is shut (bias -30: z = 9e-14), its n block is tanh(20 e_tok) = e_tok
 * in float32, h~ = tanh(20 h) = e_tok, and W_o = L. Hidden size = embedding size = output vocab.
 */
import * as tf from '@tensorflow/tfjs-core';
import { END, START } from '@stablegen/data';
import { createRng } from '@stablegen/random';
import { createParams, type Seq2SeqDims, type Seq2SeqParams } from '../model/params.js';

/** Row-major [V, V] identity scaled by `s`, placed at column offset `col` of a [V, width] matrix. */
function scaledEye(v: number, width: number, col: number, s: number): Float32Array {
  const m = new Float32Array(v * width);
  for (let i = 0; i < v; i++) m[i * width + col + i] = s;
  return m;
}

/**
 * @param table [V][V] logits of the next token given the previous one
 * @param inputVocab encoder vocabulary size (encoder weights stay random: they do not matter)
 */
export function handSetParams(table: number[][], inputVocab = 6): { dims: Seq2SeqDims; params: Seq2SeqParams } {
  const v = table.length;
  const dims: Seq2SeqDims = { inputVocab, outputVocab: v, embedding: v, hidden: v };
  const p = createParams(dims, createRng(5));
  const set = (w: tf.Variable, values: Float32Array) => tf.tidy(() => w.assign(tf.tensor(values, w.shape)));
  set(p.decEmbedding, scaledEye(v, v, 0, 1));
  set(p.decWx, scaledEye(v, 3 * v, 2 * v, 20)); // n block = 20 I; z and r blocks 0
  set(p.decB, Float32Array.from({ length: 3 * v }, (_, i) => (i < v ? -30 : 0)));
  set(p.decWf, new Float32Array(v * 3 * v));
  set(p.decU, new Float32Array(v * 3 * v));
  const wc = new Float32Array(2 * v * v); // rows 0..V-1 take the context (0), rows V..2V-1 take h
  for (let i = 0; i < v; i++) wc[(v + i) * v + i] = 20;
  set(p.attWc, wc);
  set(p.attB, new Float32Array(v));
  set(p.outW, Float32Array.from(table.flat()));
  set(p.outB, new Float32Array(v));
  return { dims, params: p };
}

/** Output tokens of the chain fixture (after START, END, PAD and the unknown token). */
export const [CHAIN_A, CHAIN_B, CHAIN_C] = [4, 5, 6];

/**
 * The chain START -> c -> a -> b -> END as a transition table (logit 0 against -20); after END,
 * END again: greedy decoding always emits c a b END.
 */
export function chainTable(): number[][] {
  const next: Record<number, number> = { [START]: CHAIN_C, [CHAIN_C]: CHAIN_A, [CHAIN_A]: CHAIN_B, [CHAIN_B]: END };
  return Array.from({ length: 7 }, (_, prev) => Array.from({ length: 7 }, (_, v) => (v === (next[prev] ?? END) ? 0 : -20)));
}
