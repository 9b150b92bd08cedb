import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@stablegen/backend';
import { readMetrics } from '@stablegen/run-files';
import { beforeAll, describe, expect, test } from 'vitest';
import { fileModelLoader, readLatestGoodCheckpoint, resolveConfig, train, listCheckpoints, type UserError } from '../src/index.js';
import { toyRecipe, toySchema, type ToyConfig } from './toy-recipe.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-'));
const configFor = (argv: string[]) => resolveConfig('toy', 'toy', toySchema, argv)!.config as ToyConfig;
const quiet = { log: () => {}, tty: false };

describe('train', () => {
  test('writes the run directory: config, metrics, samples, checkpoints, exported model', async () => {
    const out = path.join(tmp(), 'run');
    const result = await train(toyRecipe, configFor(['--out', out, '--steps', '10', '--log-every', '2']), quiet);
    expect(result).toEqual({ runDir: out, lastStep: 10, interrupted: false });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'))).toMatchObject({ family: 'toy', steps: 10, seed: 1 });
    // a TensorBoard event file: file_version, then one scalar event per metric line (format: @stablegen/tensorboard's tests)
    const [tb] = fs.readdirSync(path.join(out, 'tensorboard'));
    const bytes = fs.readFileSync(path.join(out, 'tensorboard', tb));
    let records = 0;
    for (let i = 0; i < bytes.length; i += 16 + Number(bytes.readBigUInt64LE(i))) records++;
    expect(records).toBe(1 + readMetrics(out).length);
    const lossLines = readMetrics(out).filter((m) => 'loss' in m);
    expect(lossLines.map((m) => m.step)).toEqual([2, 4, 6, 8, 10]);
    expect(fs.readdirSync(path.join(out, 'samples'))).toEqual(['step-000005.txt', 'step-000010.txt']);
    expect(listCheckpoints(path.join(out, 'checkpoints')).map((d) => path.basename(d))).toEqual(['step-000010', 'step-000005']);
    expect(fs.existsSync(path.join(out, 'generator', 'model.json'))).toBe(true);
  });

  test('resume after an interrupted run gives the same metrics as an uninterrupted run', async () => {
    const base = tmp();
    const argv = ['--steps', '12', '--log-every', '1', '--checkpoint-every', '100', '--seed', '5'];
    await train(toyRecipe, configFor([...argv, '--out', path.join(base, 'full')]), quiet);

    const cut = path.join(base, 'cut');
    const stopAt6 = new AbortController();
    const first = await train(toyRecipe, configFor([...argv, '--out', cut]), {
      ...quiet,
      callbacks: [{ onStepEnd: ({ step }) => void (step === 6 && stopAt6.abort()) }],
      signal: stopAt6.signal,
    });
    expect(first).toMatchObject({ lastStep: 6, interrupted: true });
    const second = await train(toyRecipe, configFor(['--resume', cut]), quiet);
    expect(second).toMatchObject({ lastStep: 12, interrupted: false });

    const full = readMetrics(path.join(base, 'full')).filter((m) => 'loss' in m);
    const resumed = readMetrics(cut).filter((m) => 'loss' in m);
    expect(resumed.map((m) => m.step)).toEqual(full.map((m) => m.step));
    // Same seed, same data draws, same Adam state: float32 results agree to rounding.
    resumed.forEach((m, i) => expect(m.loss).toBeCloseTo(full[i].loss, 6));
    expect(resumed[11].loss).not.toBeCloseTo(resumed[0].loss, 2); // it did train
  });

  test('a truncated newest checkpoint falls back to the one before, with a message', async () => {
    const out = path.join(tmp(), 'run');
    await train(toyRecipe, configFor(['--out', out, '--steps', '6', '--checkpoint-every', '2']), quiet);
    const newest = path.join(out, 'checkpoints', 'step-000006', 'tensors.bin');
    fs.truncateSync(newest, fs.statSync(newest).size - 3);
    const warnings: string[] = [];
    const ckpt = readLatestGoodCheckpoint(path.join(out, 'checkpoints'), (l) => warnings.push(l));
    expect(ckpt?.step).toBe(4);
    expect(warnings).toEqual([expect.stringMatching(/^checkpoint step-000006 is unusable: tensors.bin has \d+ bytes, expected \d+ \(truncated\); falling back to step-000004$/)]);
    const resumed = await train(toyRecipe, configFor(['--resume', out, '--steps', '8']), quiet);
    expect(resumed.lastStep).toBe(8);
  });

  test('the exported generator loads with tf.loadLayersModel and gives the same outputs', async () => {
    const out = path.join(tmp(), 'run');
    let trained: number[] = [];
    const x = tf.tensor2d([[0.3, -1.2], [2, 0.5]]);
    await train(toyRecipe, configFor(['--out', out, '--steps', '5']), {
      ...quiet,
      callbacks: [{ onStepEnd: ({ step, models }) => void (step === 5 && (trained = Array.from((models.model.predict(x) as tf.Tensor).dataSync()))) }],
    });
    const loaded = await tfl.loadLayersModel(fileModelLoader(path.join(out, 'generator')));
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(trained);
  });

  test('tensor count stays flat across training steps', async () => {
    const counts: number[] = [];
    await train(toyRecipe, configFor(['--out', path.join(tmp(), 'run'), '--steps', '12']), {
      ...quiet,
      callbacks: [{ onStepEnd: ({ step }) => void (step > 2 && counts.push(tf.memory().numTensors)) }],
    });
    expect(new Set(counts).size).toBe(1);
  });

  test('a NaN loss before any checkpoint stops the run naming the step, removes its directory, and says to start again', async () => {
    const out = path.join(tmp(), 'run');
    const nanRecipe = { ...toyRecipe, step: () => ({ loss: Number.NaN }) };
    const err = await train(nanRecipe, configFor(['--out', out, '--steps', '3']), quiet).then(() => { throw new Error('did not stop'); }, (e: UserError) => e);
    expect(err.message).toBe('training diverged at step 1: loss is NaN');
    expect(err.hint).toBe(`the run wrote no checkpoint, so ${out} was removed: start again with a lower --lr; if this growth is expected, raise --divergence-factor (now 10000)`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a NaN after a checkpoint keeps the run and hints a command that works: --resume with a lower --lr', async () => {
    const out = path.join(tmp(), 'run');
    const nanAfter7 = { ...toyRecipe, step: (m: Parameters<typeof toyRecipe.step>[0], ctx: Parameters<typeof toyRecipe.step>[1]) => (ctx.step > 7 && ctx.config.lr > 0.01 ? { loss: Number.NaN } : toyRecipe.step(m, ctx)) };
    const err = await train(nanAfter7, configFor(['--out', out, '--steps', '10']), quiet).then(() => { throw new Error('did not stop'); }, (e: UserError) => e);
    expect(err.message).toBe('training diverged at step 8: loss is NaN');
    expect(err.hint).toBe(`continue from step 5 with a lower rate: --resume ${out} --lr <smaller>; if this growth is expected, raise --divergence-factor (now 10000)`);
    // Following the hint: the run resumes from step 5 with the lower rate and finishes.
    const resumed = resolveConfig('toy', 'toy', toySchema, ['--resume', out, '--lr', '0.005'])!.config as ToyConfig;
    expect(await train(nanAfter7, resumed, quiet)).toEqual({ runDir: out, lastStep: 10, interrupted: false });
  });

  test('a loss that grows past --divergence-factor times its start stops the run; 0 turns that test off', async () => {
    const growing = { ...toyRecipe, step: (_m: unknown, ctx: { step: number }) => ({ loss: 2 * 10 ** ctx.step }) };
    const out = path.join(tmp(), 'grow');
    // scale max(1, |2 x 10^1|) = 20; 2 x 10^4 = 1000 x 20 is not over 1000, 2 x 10^5 is
    const err = await train(growing, configFor(['--out', out, '--steps', '8', '--divergence-factor', '1000']), quiet).then(() => { throw new Error('did not stop'); }, (e: UserError) => e);
    expect(err.message).toBe('training diverged at step 5: |loss| = 200000 exceeds 1000 x its scale at the start (20)');
    const off = await train(growing, configFor(['--out', path.join(tmp(), 'off'), '--steps', '8', '--divergence-factor', '0']), quiet);
    expect(off.lastStep).toBe(8);
  });
});
