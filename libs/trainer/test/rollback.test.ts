import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { readEvents } from '@stablegen/run-files';
import { divergenceGuard } from '../src/index.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { learningRateOf, listCheckpoints, readCheckpoint, resolveConfig, train, type Recipe, type TrainCallback } from '../src/index.js';
import { toyRecipe, toySchema, type ToyConfig, type ToyModels } from './toy-recipe.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-rollback-'));
const configFor = (argv: string[]) => resolveConfig('toy', 'toy', toySchema, argv)!.config as ToyConfig;
const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
/** The guard's events of a run (checkpoints are events too; left out here). */
const guardEvents = (dir: string) => readEvents(dir).filter((e) => e.kind !== 'checkpoint') as Record<string, unknown>[];
const quiet = { log: () => {}, tty: false };

/** The toy recipe with the loss of step `at` replaced by NaN the first `times` times that step runs. */
function nanAt(at: number, times = 1): Recipe<ToyConfig, ToyModels> {
  let done = 0;
  return {
    ...toyRecipe,
    step(models, ctx) {
      const metrics = toyRecipe.step(models, ctx);
      if (ctx.step !== at || done >= times) return metrics;
      done += 1;
      return { loss: Number.NaN };
    },
  };
}

/** Records (step, loss, Adam learning rate, live tensors) at every onStepEnd. */
function recorder() {
  const seen: Array<{ step: number; loss: number; lr: number; tensors: number }> = [];
  const callback: TrainCallback<ToyModels> = {
    onStepEnd: ({ step, metrics, models }) => void seen.push({ step, loss: metrics.loss, lr: learningRateOf(models.optimizer), tensors: tf.memory().numTensors }),
  };
  return { seen, callback };
}

describe('rollback', () => {
  test('an injected NaN loss rolls back to the newest checkpoint with half the learning rate, logs the event, and the run completes', async () => {
    const out = path.join(tmp(), 'run');
    const { seen, callback } = recorder();
    const result = await train(nanAt(7), configFor(['--out', out, '--steps', '12', '--checkpoint-every', '5', '--log-every', '1']), {
      ...quiet,
      callbacks: [callback, divergenceGuard({ lrFactor: 0.5, maxRollbacks: 2 })], // the guard runs first anyway
    });
    expect(result).toEqual({ runDir: out, lastStep: 12, interrupted: false });
    expect(guardEvents(out)).toEqual([{ step: 7, kind: 'rollback', reason: 'loss is NaN', restoredStep: 5, lr: { optimizer: 0.025 } }]);
    // The recorder never sees the NaN step (the guard ends that round); steps 6 and 7 run again.
    expect(seen.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12]);
    // Step 6's loss is taken before its update, from the restored weights and RNG: the same number.
    expect(seen[6].loss).toBe(seen[5].loss);
    expect(seen.map((s) => s.lr)).toEqual([...new Array<number>(6).fill(0.05), ...new Array<number>(7).fill(0.025)]); // toy default lr 0.05
    const lossLines = readLines(path.join(out, 'metrics.jsonl')).filter((m) => 'loss' in m);
    expect(lossLines.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // lines after step 5 were replaced
    expect(lossLines.every((m) => Number.isFinite(m.loss))).toBe(true);
    // Restoring into the live optimiser frees the slot variables it replaces: no leak.
    expect(seen[11].tensors).toBe(seen[3].tensors);
  });

  test('non-finite weights are caught before the checkpoint of that step is written', async () => {
    const out = path.join(tmp(), 'run');
    let broken = false;
    const recipe: Recipe<ToyConfig, ToyModels> = {
      ...toyRecipe,
      step(models, ctx) {
        const metrics = toyRecipe.step(models, ctx);
        if (ctx.step === 10 && !broken) {
          broken = true;
          models.model.weights[0].write(tf.fill([2, 1], Number.POSITIVE_INFINITY)); // after the loss was taken
        }
        return metrics;
      },
    };
    await train(recipe, configFor(['--out', out, '--steps', '10', '--checkpoint-every', '5']), {
      ...quiet,
      callbacks: [divergenceGuard<ToyModels>({ weights: (m) => m.model.weights })],
    });
    const [event] = guardEvents(out);
    expect(event).toMatchObject({ step: 10, kind: 'rollback', reason: expect.stringMatching(/^non-finite weights: .*kernel/), restoredStep: 5 });
    const kernel = readCheckpoint(listCheckpoints(path.join(out, 'checkpoints'))[0]).tensors.find((t) => t.name === 'model/model/0')!;
    expect(Array.from(kernel.values).every(Number.isFinite)).toBe(true);
  });

  test('with a guard and no checkpoint yet, the trainer writes one at step 0 and rolls back to it', async () => {
    const out = path.join(tmp(), 'run');
    await train(nanAt(3), configFor(['--out', out, '--steps', '6', '--checkpoint-every', '100']), { ...quiet, callbacks: [divergenceGuard()] });
    expect(guardEvents(out)).toEqual([{ step: 3, kind: 'rollback', reason: 'loss is NaN', restoredStep: 0, lr: { optimizer: 0.025 } }]);
    expect(listCheckpoints(path.join(out, 'checkpoints')).map((d) => path.basename(d))).toEqual(['step-000006', 'step-000000']);
  });

  test('restores a checkpoint before the weights that gave the bad metric, and goes further back if the run diverges again before a new one', async () => {
    // Checkpoints at 0, 3, 6. Step 8's loss comes from the weights after step 7: the newest checkpoint
    // at step 6 or before is 6. Diverging again at 8 before the next checkpoint (9): 6 did not help, so 3.
    const out = path.join(tmp(), 'run');
    await train(nanAt(8, 2), configFor(['--out', out, '--steps', '10', '--checkpoint-every', '3']), { ...quiet, callbacks: [divergenceGuard()] });
    expect(guardEvents(out).map((e) => [e.step, e.restoredStep, e.lr])).toEqual([
      [8, 6, { optimizer: 0.025 }],
      [8, 3, { optimizer: 0.0125 }],
    ]);
    // Rolling back to 3 deleted the abandoned checkpoint 6; the replay wrote 6 and 9 again.
    expect(listCheckpoints(path.join(out, 'checkpoints')).map((d) => path.basename(d))).toEqual(['step-000010', 'step-000009', 'step-000006']);
  });

  test('after maxRollbacks rollbacks the next divergence stops the run with one clear message', async () => {
    const out = path.join(tmp(), 'run');
    const run = train(nanAt(3, Number.POSITIVE_INFINITY), configFor(['--out', out, '--steps', '6', '--checkpoint-every', '2']), { ...quiet, callbacks: [divergenceGuard({ maxRollbacks: 2 })] });
    await expect(run).rejects.toThrow('training diverged at step 3: loss is NaN; stopping after 2 rollback(s), the most allowed');
    await expect(run).rejects.toMatchObject({ name: 'UserError', hint: `lower the learning rate and start again (the rollbacks are listed in ${path.join(out, 'events.jsonl')})` });
    const events = guardEvents(out);
    expect(events.map((e) => [e.kind, e.restoredStep, e.lr])).toEqual([
      ['rollback', 0, { optimizer: 0.025 }], // step 3's loss comes from the weights after step 2: checkpoint 0
      ['rollback', 0, { optimizer: 0.0125 }],
      ['stop', undefined, undefined],
    ]);
  });

  test('--resume keeps the lowered learning rate and the rollback count', async () => {
    const out = path.join(tmp(), 'run');
    const stop = new AbortController();
    await train(nanAt(4), configFor(['--out', out, '--steps', '10', '--checkpoint-every', '2']), {
      ...quiet,
      signal: stop.signal,
      callbacks: [divergenceGuard({ maxRollbacks: 1 }), { onStepEnd: ({ step }) => void (step === 6 && stop.abort()) }],
    });
    const { seen, callback } = recorder();
    // The resumed run has used its one rollback: a NaN now stops it.
    const resumed = train(nanAt(8), configFor(['--resume', out]), { ...quiet, callbacks: [divergenceGuard({ maxRollbacks: 1 }), callback] });
    await expect(resumed).rejects.toThrow('training diverged at step 8: loss is NaN; stopping after 1 rollback(s)');
    expect(seen.map((s) => [s.step, s.lr])).toEqual([[7, 0.025]]);
  });

  test('throws when a callback without a guard policy asks for a rollback', async () => {
    const rogue: TrainCallback<ToyModels> = { onStepEnd: () => ({ action: 'rollback', reason: 'because' }) };
    await expect(train(toyRecipe, configFor(['--out', path.join(tmp(), 'run'), '--steps', '2']), { ...quiet, callbacks: [rogue] })).rejects.toThrow(
      "a callback without a 'guard' policy asked for a rollback at step 1 (because)",
    );
  });
});
