/**
 * Beam search (width k): every example keeps k alive hypotheses, run as one batch of batch * k
 * rows. After each step the log-probabilities are read back, the best k non-ending continuations
 * are kept (`selectContinuations`) and the decoder state rows are reordered with one gather. A
 * hypothesis ends at END; an example stops once its best finished score is at least its best
 * alive score (scores only decrease). Hypotheses alive after `steps` steps count as finished.
 */
import * as tf from '@tensorflow/tfjs-core';
import { START } from '@stablegen/data';
import { decoderStep, initialState, prepareDecoder, selectStateRows, type DecoderState } from '../model/decoder.js';
import { encode, selectEncodedRows } from '../model/encoder.js';
import type { Seq2SeqParams } from '../model/params.js';
import { type Hypothesis, selectContinuations } from './beam-select.js';

interface Beams {
  /** [batch * k] alive scores */
  scores: Float64Array;
  /** [batch * k] alive token lists (without START) */
  tokens: number[][];
  finished: Hypothesis[][];
  done: boolean[];
}

function startBeams(batch: number, k: number): Beams {
  const scores = new Float64Array(batch * k).fill(-Infinity);
  for (let b = 0; b < batch; b++) scores[b * k] = 0; // one live beam per example at the start
  return { scores, tokens: Array.from({ length: batch * k }, () => []), finished: Array.from({ length: batch }, () => []), done: new Array(batch).fill(false) };
}

/** Advances every example by one step on the host; returns the row each new beam came from and its token. */
function advance(beams: Beams, logp: Float32Array, vocab: number, k: number): { parents: Int32Array; next: Int32Array } {
  const batch = beams.done.length;
  const parents = Int32Array.from({ length: batch * k }, (_, i) => i);
  const next = new Int32Array(batch * k);
  const scores = new Float64Array(beams.scores);
  const tokens = beams.tokens.slice();
  for (let b = 0; b < batch; b++) {
    if (beams.done[b]) continue;
    const rows = beams.scores.subarray(b * k, (b + 1) * k);
    const { alive, finished } = selectContinuations(rows, logp.subarray(b * k * vocab, (b + 1) * k * vocab), vocab, k);
    scores.fill(-Infinity, b * k, (b + 1) * k); // rows not refilled below (k > usable tokens) stay unused
    for (const f of finished) beams.finished[b].push({ tokens: [...beams.tokens[b * k + f.parent], f.token], score: f.score });
    alive.forEach((c, j) => {
      parents[b * k + j] = b * k + c.parent;
      next[b * k + j] = c.token;
      scores[b * k + j] = c.score;
      tokens[b * k + j] = [...beams.tokens[b * k + c.parent], c.token];
    });
    const bestFinished = Math.max(...beams.finished[b].map((h) => h.score));
    beams.done[b] = bestFinished >= scores[b * k];
  }
  beams.scores = scores;
  beams.tokens = tokens;
  return { parents, next };
}

/** The best hypothesis per example (alive ones count when nothing finished better). */
function best(beams: Beams, k: number): Hypothesis[] {
  return beams.finished.map((fin, b) => {
    const alive = beams.done[b] ? [] : Array.from({ length: k }, (_, j) => ({ tokens: beams.tokens[b * k + j], score: beams.scores[b * k + j] }));
    return [...fin, ...alive].reduce((x, y) => (y.score > x.score ? y : x));
  });
}

/**
 * @param p weights
 * @param x [batch, Tin] int32 inputs
 * @param steps at most this many output tokens (END included)
 * @param width beam width k >= 1 (k = 1 is greedy decoding)
 * @returns the best hypothesis per example: tokens (ending with END unless cut at `steps`) and log-probability
 */
export function beamDecode(p: Seq2SeqParams, x: tf.Tensor2D, steps: number, width: number): Hypothesis[] {
  if (!(Number.isInteger(width) && width >= 1)) throw new Error(`beamDecode: width must be an integer >= 1, got ${width}`);
  const [batch, k] = [x.shape[0], width];
  let result: Hypothesis[] = [];
  tf.tidy(() => {
    const repeat = tf.tensor1d(Int32Array.from({ length: batch * k }, (_, i) => Math.floor(i / k)), 'int32');
    const ctx = prepareDecoder(p, selectEncodedRows(encode(p, x), repeat));
    let state: DecoderState = initialState(ctx.enc);
    let tokens = tf.fill([batch * k], START, 'int32') as tf.Tensor1D;
    const beams = startBeams(batch, k);
    for (let t = 0; t < steps && beams.done.includes(false); t++) {
      const out = decoderStep(ctx, state, tokens);
      const logp = tf.logSoftmax(out.logits).dataSync() as Float32Array;
      const { parents, next } = advance(beams, logp, out.logits.shape[1], k);
      state = selectStateRows(out.state, tf.tensor1d(parents, 'int32'));
      tokens = tf.tensor1d(next, 'int32');
    }
    result = best(beams, k);
  });
  return result;
}
