import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';

/** Throws unless `logits` is a float tensor [batch >= 1, vocab >= 1]. */
export function checkLogits(who: string, logits: tf.Tensor): void {
  const shape: number[] = logits.shape;
  if (logits.rank !== 2 || shape[0] < 1 || shape[1] < 1) {
    throw new Error(`${who}: logits must be [batch >= 1, vocab >= 1], got shape [${logits.shape.join(', ')}]`);
  }
  if (logits.dtype !== 'float32') throw new Error(`${who}: logits must be float32, got ${logits.dtype}`);
}

/**
 * The model's most likely token per row (first index on ties, as tf.argMax).
 * @param logits [batch, vocab]
 * @returns int32 [batch]
 */
export function greedyTokens(logits: tf.Tensor): tf.Tensor1D {
  checkLogits('greedyTokens', logits);
  return tf.tidy(() => tf.argMax(logits, 1) as tf.Tensor1D);
}

/**
 * One token per row drawn from softmax(logits) by inverse CDF with one `rng.uniform()` per row,
 * in float64 on the host (so the draw is the same on every backend for the same logits).
 * Reads the logits back with dataSync.
 * @param logits [batch, vocab]
 * @returns [batch] token ids
 */
export function sampleTokens(logits: tf.Tensor, rng: Rng): Int32Array {
  checkLogits('sampleTokens', logits);
  const [batch, vocab] = logits.shape;
  const data = logits.dataSync();
  const out = new Int32Array(batch);
  const p = new Float64Array(vocab);
  for (let b = 0; b < batch; b++) {
    const row = data.subarray(b * vocab, (b + 1) * vocab);
    let max = -Infinity;
    for (let v = 0; v < vocab; v++) {
      if (!Number.isFinite(row[v])) {
        throw new Error(`sampleTokens: row ${b} has a non-finite logit (${row[v]}) at token ${v}; the model has diverged`);
      }
      max = Math.max(max, row[v]);
    }
    let sum = 0;
    for (let v = 0; v < vocab; v++) sum += p[v] = Math.exp(row[v] - max); // max-shifted: no overflow
    out[b] = inverseCdf(p, rng.uniform() * sum);
  }
  return out;
}

/** Smallest v with p[0] + ... + p[v] > target; the last positive-weight index if rounding runs past. */
function inverseCdf(p: Float64Array, target: number): number {
  let acc = 0;
  let lastPositive = 0;
  for (let v = 0; v < p.length; v++) {
    if (p[v] > 0) lastPositive = v;
    acc += p[v];
    if (acc > target) return v;
  }
  return lastPositive;
}
