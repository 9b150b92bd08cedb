/**
 * The exposure-bias measurement on a split: teacher-forced token accuracy (every step sees the
 * true previous token), free-running token accuracy (greedy decoding feeds back its own tokens)
 * and exact sequence match; the gap between the two accuracies is what exposure bias costs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PAD, type InMemoryDataset } from '@stablegen/data';
import { beamDecode } from '../decode/beam.js';
import { greedyDecode } from '../decode/greedy.js';
import type { Seq2SeqParams } from '../model/params.js';
import { countCorrect } from '../train/loss.js';
import { unrollDecoder } from '../train/unroll.js';
import { scoringBatches } from './scoring-batches.js';

export interface SplitScores {
  tfTokenAcc: number;
  freeTokenAcc: number;
  /**
   * Rows decoded exactly by greedy decoding. (The same rows are exactly right under teacher
   * forcing: by induction each greedy prefix is then the true prefix, so no separate figure.)
   */
  exactMatch: number;
  /** exact match of beam search (only when a beam width > 1 was asked for) */
  beamExactMatch?: number;
}

/** Rows (of `steps` tokens) whose every non-PAD target position (END included) is predicted. */
export function countExact(pred: ArrayLike<number>, targets: Int32Array, steps: number): number {
  let exact = 0;
  for (let s = 0; s < targets.length; s += steps) {
    let ok = true;
    for (let t = s; t < s + steps && ok; t++) ok = targets[t] === PAD || pred[t] === targets[t];
    if (ok) exact += 1;
  }
  return exact;
}

/** Teacher-forced argmax tokens, row-major [batch, L - 1]. */
function teacherForcedTokens(p: Seq2SeqParams, x: tf.Tensor2D, y: Int32Array, length: number): Int32Array {
  return tf.tidy(() => tf.transpose(tf.argMax(unrollDecoder(p, x, y, length).logits, 2)).dataSync() as Int32Array);
}

/** Beam hypotheses as a row-major [batch, steps] array (PAD after the tokens). */
function beamTokens(p: Seq2SeqParams, x: tf.Tensor2D, steps: number, width: number): Int32Array {
  const out = new Int32Array(x.shape[0] * steps);
  beamDecode(p, x, steps, width).forEach((h, b) => out.set(h.tokens.slice(0, steps), b * steps));
  return out;
}

/**
 * @param data x [n, Tin], y [n, L]; scored in batches of similar input length
 * @param batchSize examples per forward pass
 * @param beamWidth > 1 also scores beam search
 */
export function scoreSplit(p: Seq2SeqParams, data: InMemoryDataset, batchSize: number, beamWidth = 1): SplitScores {
  const [n, length] = (data.y as { shape: number[] }).shape;
  const steps = length - 1;
  const sums = { tf: 0, free: 0, counted: 0, exact: 0, beam: 0 };
  for (const { x, y, targets } of scoringBatches(data, batchSize)) {
    const free = greedyDecode(p, x, steps);
    const tfc = countCorrect(teacherForcedTokens(p, x, y, length), targets);
    sums.tf += tfc.correct;
    sums.counted += tfc.counted;
    sums.free += countCorrect(free, targets).correct;
    sums.exact += countExact(free, targets, steps);
    if (beamWidth > 1) sums.beam += countExact(beamTokens(p, x, steps, beamWidth), targets, steps);
  }
  const scores: SplitScores = { tfTokenAcc: sums.tf / sums.counted, freeTokenAcc: sums.free / sums.counted, exactMatch: sums.exact / n };
  return beamWidth > 1 ? { ...scores, beamExactMatch: sums.beam / n } : scores;
}
