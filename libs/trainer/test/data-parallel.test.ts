import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import { ReplicaChannel, shardOf, startReplicas } from '../src/index.js';
import { B0, type LinearData, w0At, xAt, yAt } from './linear-replica.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const entry = new URL('./linear-replica.ts', import.meta.url);
/** The workers start the caller's backend (cpu here) when none is named. */
const start = (replicas: number, data: Partial<LinearData> = {}) =>
  startReplicas<LinearData>({ entry, exportName: 'linearReplica', replicas, capacity: 64, data: { rows: 24, features: 3, lr: 0.05, ...data } });

/** The full batch's loss and gradient at the starting weights, in float64. */
function fullBatch(rows: number, features: number) {
  let loss = 0;
  const gw = new Array<number>(features).fill(0);
  let gb = 0;
  for (let i = 0; i < rows; i++) {
    const r = Array.from({ length: features }, (_, j) => xAt(i, j) * w0At(j)).reduce((a, c) => a + c, B0) - yAt(i, features);
    loss += (r * r) / rows;
    for (let j = 0; j < features; j++) gw[j] += (2 * r * xAt(i, j)) / rows;
    gb += (2 * r) / rows;
  }
  return { loss, gw, gb };
}

const close = (a: number, b: number, rel = 1e-5) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('data-parallel replicas', () => {
  test('the averaged shard gradients are the full batch gradient (float64 reference), on 1, 2 and 3 replicas', async () => {
    const want = fullBatch(24, 3);
    for (const replicas of [1, 2, 3]) {
      const group = await start(replicas);
      const first = group.step();
      close(first.loss, want.loss);
      close(first.g0, want.gw[0]);
      close(first.g1, want.gw[1]);
      close(first.gb, want.gb);
      expect(first.replicasAgree).toBe(1);
      expect(first.onCpu).toBe(1); // the workers took the caller's backend
      await group.close();
    }
  }, 60_000);

  test('replicas keep identical weights step after step, and match one replica within float tolerance', async () => {
    const [one, two] = [await start(1), await start(2)];
    for (let s = 0; s < 5; s++) {
      const [a, b] = [one.step(), two.step()];
      expect(b.replicasAgree).toBe(1);
      close(b.loss, a.loss);
    }
    await Promise.all([one.close(), two.close()]);
  }, 60_000);

  test('leaks no tensors: flat on replica 0 across steps, none left in a worker after close', async () => {
    const group = await start(2);
    group.step();
    const before = tf.memory().numTensors;
    for (let s = 0; s < 3; s++) group.step();
    expect(tf.memory().numTensors).toBe(before);
    expect(await group.close()).toEqual([0]);
  }, 60_000);

  test('a replica that throws mid-run fails the step with its message instead of hanging', async () => {
    const group = await start(2, { failReplica: 1, failAtStep: 2 });
    group.step();
    expect(() => group.step()).toThrow(/data-parallel replica 1 failed: planned failure in replica 1 at step 2/);
    await expect(group.close()).rejects.toThrow(/replica 1 failed/);
  }, 60_000);

  test('a replica whose program cannot be built fails the start with its message', async () => {
    await expect(start(2, { failBuildReplica: 1 })).rejects.toThrow(/replica 1 failed: planned build failure in replica 1/);
    await expect(start(2, { rows: 25 })).rejects.toThrow(/batch of 25 does not split evenly over 2 replicas/);
  }, 60_000);

  test('throws on a bad replica count, an all-reduce over capacity, and a missing factory', async () => {
    await expect(start(0)).rejects.toThrow(/replicas 0: pass a whole number/);
    const channel = new ReplicaChannel(ReplicaChannel.create(1, 4), 0);
    expect(() => channel.allReduceMean(new Float32Array(5))).toThrow(/5 floats, but the group was started with room for 4/);
    await expect(startReplicas({ entry, exportName: 'nothing', replicas: 1, capacity: 4, data: {} })).rejects.toThrow(/no exported function nothing/);
  });

  test('shardOf splits rows evenly and in order', () => {
    expect([0, 1, 2].map((i) => shardOf(12, i, 3))).toEqual([{ start: 0, size: 4 }, { start: 4, size: 4 }, { start: 8, size: 4 }]);
  });

  test('a replica that stalls ends the others\' wait after the timeout', () => {
    const channel = new ReplicaChannel(ReplicaChannel.create(2, 4, 200), 0);
    expect(() => channel.barrier()).toThrow(/another replica did not reach the barrier within 200 ms; it may be stuck or have crashed/);
  });
});
