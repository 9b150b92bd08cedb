/** Finds weights holding NaN or +-Inf (e.g. after an optimiser step that overflowed). */
import * as tf from '@tensorflow/tfjs-core';
import { namedVariables, type WeightLike } from './weights.js';

/**
 * Names of the weights with at least one non-finite entry (empty when all are finite). One
 * device read for the whole list.
 */
export function nonFiniteWeights(weights: readonly WeightLike[]): string[] {
  const vars = namedVariables(weights, 'nonFiniteWeights');
  const flags = tf.tidy(() => tf.stack(vars.map(({ variable }) => tf.cast(tf.all(tf.isFinite(variable)), 'int32'))));
  const finite = flags.dataSync();
  flags.dispose();
  return vars.filter((_, i) => finite[i] === 0).map((v) => v.name);
}
