import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { checkLogits, greedyTokens, sampleTokens } from './predict-tokens.js';

export type PredictionMode = 'greedy' | 'sampled';

export interface ChooseOptions {
  /** How the model's own previous token is read from its logits: argmax or a softmax draw. */
  mode: PredictionMode;
  /** Seeded generator: one coin flip per row, then (sampled mode) one draw per row. */
  rng: Rng;
}

export interface DecoderInputs {
  /** int32 [batch]: the next decoder input token per sequence. Caller disposes. */
  inputs: tf.Tensor1D;
  /** [batch]: 1 where the ground-truth token was used, 0 where the model's prediction was. */
  usedGroundTruth: Uint8Array;
  /** Mean of `usedGroundTruth`: the realised teacher-forcing rate, for logging against eps. */
  groundTruthRate: number;
}

/**
 * One decoder step of scheduled sampling (Bengio et al. 2015): for every sequence b in the batch
 * flip a coin that comes up heads with probability eps; on heads feed the ground-truth previous
 * token y_{t-1}, on tails the model's own previous prediction (argmax or a draw from softmax).
 * Call it once per time step, so there is one coin per sequence position per sample.
 * Deterministic for a given rng state: rows' coins first (rng.uniform() < eps), then, in sampled
 * mode, one rng.uniform() per row for the draw (drawn for every row, so the rng advances by the
 * same amount whatever the coins say).
 * @param groundTruth [batch] int32 previous ground-truth tokens
 * @param logits [batch, vocab] float32 the model's logits at the previous step
 * @param eps probability of using the ground truth, in [0, 1]
 */
export function chooseDecoderInputs(
  groundTruth: Int32Array | tf.Tensor,
  logits: tf.Tensor,
  eps: number,
  opts: ChooseOptions,
): DecoderInputs {
  checkArgs(groundTruth, logits, eps, opts.mode);
  const batch = logits.shape[0];
  const usedGroundTruth = new Uint8Array(batch);
  let heads = 0;
  for (let b = 0; b < batch; b++) {
    usedGroundTruth[b] = opts.rng.uniform() < eps ? 1 : 0;
    heads += usedGroundTruth[b];
  }
  const inputs =
    opts.mode === 'greedy'
      ? mixOnDevice(groundTruth, logits, usedGroundTruth)
      : mixOnHost(groundTruth, sampleTokens(logits, opts.rng), usedGroundTruth);
  return { inputs, usedGroundTruth, groundTruthRate: heads / batch };
}

/** where(mask, gt, argmax(logits)) on the backend: the logits are not read back. */
function mixOnDevice(gt: Int32Array | tf.Tensor, logits: tf.Tensor, mask: Uint8Array): tf.Tensor1D {
  return tf.tidy(() => {
    const gtT = gt instanceof Int32Array ? tf.tensor1d(gt, 'int32') : gt;
    return tf.where(tf.tensor1d(mask, 'bool'), gtT, greedyTokens(logits)) as tf.Tensor1D;
  });
}

function mixOnHost(gt: Int32Array | tf.Tensor, pred: Int32Array, mask: Uint8Array): tf.Tensor1D {
  const gtArr = gt instanceof Int32Array ? gt : (gt.dataSync() as Int32Array);
  const out = pred.map((p, b) => (mask[b] ? gtArr[b] : p));
  return tf.tensor1d(out, 'int32');
}

function checkArgs(gt: Int32Array | tf.Tensor, logits: tf.Tensor, eps: number, mode: string): void {
  const who = 'chooseDecoderInputs';
  checkLogits(who, logits);
  const batch = logits.shape[0];
  if (gt instanceof Int32Array) {
    if (gt.length !== batch) throw new Error(`${who}: groundTruth has ${gt.length} tokens but logits have batch ${batch}`);
  } else {
    if (gt.rank !== 1 || gt.shape[0] !== batch) {
      throw new Error(`${who}: groundTruth must be [${batch}] to match logits, got shape [${gt.shape.join(', ')}]`);
    }
    if (gt.dtype !== 'int32') throw new Error(`${who}: groundTruth must be int32, got ${gt.dtype}`);
  }
  if (!(Number.isFinite(eps) && eps >= 0 && eps <= 1)) throw new Error(`${who}: eps must be in [0, 1], got ${eps}`);
  if (mode !== 'greedy' && mode !== 'sampled') throw new Error(`${who}: mode must be 'greedy' or 'sampled', got '${mode}'`);
}
