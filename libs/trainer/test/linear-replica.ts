/**
 * A data-parallel replica program for the group's tests: least squares y ~ x . w + b on a fixed,
 * formula-made batch (no RNG, so every replica and the test see the same numbers), plain gradient
 * descent. Each replica takes its shard of the rows; the figures of a step are the mean loss, the
 * first few averaged gradients, whether every replica holds the same weights bit for bit, and
 * whether every replica runs on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { allReduceGradients, shardOf, type ReplicaContext, type ReplicaProgram } from '../src/index.js';

export interface LinearData {
  rows: number;
  features: number;
  lr: number;
  /** Replica that throws, and at which step (1-based). */
  failReplica?: number;
  failAtStep?: number;
  /** Replica whose factory throws. */
  failBuildReplica?: number;
}

/** x[i][j] and y[i] of the batch. */
export const xAt = (i: number, j: number) => Math.sin(i * 0.7 + j * 1.3);
export const yAt = (i: number, features: number) => Array.from({ length: features }, (_, j) => xAt(i, j) * (j % 2 ? -1.5 : 2)).reduce((a, b) => a + b, 0.5) + 0.1 * Math.cos(i);
/** The starting weights and bias. */
export const w0At = (j: number) => 0.1 * (j + 1);
export const B0 = -0.2;

export function linearReplica(context: ReplicaContext, data: LinearData): ReplicaProgram {
  if (data.failBuildReplica === context.index) throw new Error(`planned build failure in replica ${context.index}`);
  const { start, size } = shardOf(data.rows, context.index, context.replicas);
  const rows = Array.from({ length: size }, (_, r) => start + r);
  const x = tf.tensor2d(rows.map((i) => Array.from({ length: data.features }, (_, j) => xAt(i, j)))); // [size, features]
  const y = tf.tensor2d(rows.map((i) => [yAt(i, data.features)])); // [size, 1]
  const [w, b] = tf.tidy(() => [tf.variable(tf.tensor2d(Array.from({ length: data.features }, (_, j) => [w0At(j)]))), tf.variable(tf.scalar(B0))]); // [features, 1], []
  let steps = 0;
  return {
    step() {
      steps++;
      if (data.failReplica === context.index && data.failAtStep === steps) throw new Error(`planned failure in replica ${context.index} at step ${steps}`);
      return tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar, [w, b]);
        const named = { w: grads[w.name], b: grads[b.name] };
        const reduced = allReduceGradients(context, named, [value.dataSync()[0]]);
        w.assign(tf.sub(w, tf.mul(data.lr, reduced.grads.w)));
        b.assign(tf.sub(b, tf.mul(data.lr, reduced.grads.b)));
        const own = new Float32Array([...(w.dataSync() as Float32Array), b.dataSync()[0]]);
        const mean = context.allReduceMean(own);
        const g = reduced.grads.w.dataSync();
        const onCpu = context.allReduceMean(new Float32Array([tf.getBackend() === 'cpu' ? 1 : 0]))[0]; // 1: every replica runs on cpu
        return { loss: reduced.scalars[0], g0: g[0], g1: g[1], gb: reduced.grads.b.dataSync()[0], replicasAgree: own.every((v, i) => Object.is(v, mean[i])) ? 1 : 0, onCpu };
      });
    },
    dispose() {
      tf.dispose([x, y, w, b]);
    },
  };
}
