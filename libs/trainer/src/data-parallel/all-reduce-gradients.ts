/**
 * Gradients averaged over a group of data-parallel replicas: each replica's gradients (of the mean
 * loss over its shard of the batch) and a few scalars (its losses) go through one all-reduce, so
 * every replica gets the same bits back and, applying the same optimiser update, keeps the same
 * weights. With equal shards and no layer that mixes samples (batch norm, minibatch statistics),
 * the mean of the shard gradients is the full batch's gradient, up to float rounding.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ReplicaContext } from './replica-context.js';

export interface ReducedGradients {
  /** The mean over replicas of each gradient, in the same shapes. */
  grads: tf.NamedTensorMap;
  /** The mean over replicas of each scalar. */
  scalars: number[];
}

/**
 * @param grads this replica's gradients; every replica passes the same names and shapes (the names are sorted, so insertion order does not matter)
 * @param scalars this replica's values to average alongside (e.g. its shard's loss)
 */
export function allReduceGradients(context: ReplicaContext, grads: tf.NamedTensorMap, scalars: number[] = []): ReducedGradients {
  const names = Object.keys(grads).sort();
  const sizes = names.map((name) => grads[name].size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const flat = new Float32Array(total + scalars.length);
  let offset = 0;
  names.forEach((name, i) => {
    flat.set(grads[name].dataSync() as Float32Array, offset);
    offset += sizes[i];
  });
  flat.set(scalars, total);
  const mean = context.allReduceMean(flat);
  offset = 0;
  const out: tf.NamedTensorMap = {};
  names.forEach((name, i) => {
    out[name] = tf.tensor(mean.subarray(offset, offset + sizes[i]), grads[name].shape, 'float32');
    offset += sizes[i];
  });
  return { grads: out, scalars: Array.from(mean.subarray(total)) };
}
