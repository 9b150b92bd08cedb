/**
 * Everything a run holds: the date task and its encoded splits, the model, Adam with its warm-up
 * driver, and the teacher-forcing schedule. Built from the config and the seeded rng.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { createDateTask, type DateTask, type InMemoryDataset } from '@stablegen/data';
import { adam } from '@stablegen/optimizers';
import { linearWarmup, setLearningRate, warmupCosine, type Schedule } from '@stablegen/schedules';
import { createTfSchedule, type TfSchedule } from '@stablegen/teacher-forcing';
import { UserError } from '@stablegen/trainer';
import type { Seq2SeqConfig } from './config.js';
import { defaultPrefixLengths } from './eval/prefix-continuation.js';
import { lengthBuckets } from './data-batch.js';
import { createParams } from './model/params.js';
import { disposeModel, type Seq2SeqModel } from './model/seq2seq-model.js';

export interface Seq2SeqRun {
  config: Readonly<Seq2SeqConfig>;
  task: DateTask;
  data: { train: InMemoryDataset; val: InMemoryDataset; test: InMemoryDataset };
  /** training rows grouped by input length */
  buckets: Int32Array[];
  model: Seq2SeqModel;
  optimizer: tf.Optimizer;
  /** Sets the rate of 0-based step i (times `scale`, the rollbacks' backoff) and returns it. */
  lrAt: (i: number, scale?: number) => number;
  /** eps_i of 0-based step i */
  eps: TfSchedule;
  /** prefix lengths of the final test measurement (--prefix-lengths) */
  prefixLengths: number[];
}

/** Floor of `--tf-schedule auto`'s linear decay on iso-reversed (the bench's `--tf-eps-min`). */
export const AUTO_EPS_MIN = 0.25;

/**
 * `--tf-schedule auto` made explicit, so config.json shows what ran (the recipe's resolveDefaults):
 * iso-reversed decays linearly from 1 to AUTO_EPS_MIN at the last step (the bench's winner), the
 * other tasks stay constant at --tf-eps. An explicit schedule is left as given.
 */
export function resolveTfSchedule(c: Readonly<Seq2SeqConfig>): Partial<Seq2SeqConfig> {
  if (c.tfSchedule !== 'auto') return {};
  if (c.task === 'iso-reversed') return { tfSchedule: 'linear', tfK: 1, tfC: (1 - AUTO_EPS_MIN) / c.steps, tfEpsMin: AUTO_EPS_MIN };
  return { tfSchedule: 'constant' };
}

/** The schedule the flags name ('auto' resolved as above); a missing or invalid parameter is a user error naming the flag. */
export function scheduleFromConfig(config: Readonly<Seq2SeqConfig>): TfSchedule {
  const c = { ...config, ...resolveTfSchedule(config) };
  const name = c.tfSchedule as Exclude<Seq2SeqConfig['tfSchedule'], 'auto'>; // resolveTfSchedule names one
  try {
    return createTfSchedule(name, { eps: c.tfEps, k: c.tfK, c: c.tfC, epsMin: c.tfEpsMin });
  } catch (err) {
    const msg = (err as Error).message;
    throw new UserError(`--tf-schedule ${name}: ${msg}`, 'set --tf-k / --tf-c (see --help)');
  }
}

/** Learning rate of 0-based step i: linear warm-up, then constant or cosine down to lrFloor at the last step. */
export function lrScheduleFromConfig(c: Readonly<Seq2SeqConfig>): Schedule {
  const warmupSteps = Math.min(c.warmupSteps, c.steps - 1);
  if (c.lrDecay === 'none') return linearWarmup({ base: c.lr, steps: warmupSteps });
  return warmupCosine({ base: c.lr, warmupSteps, totalSteps: c.steps - 1, floor: Math.min(c.lrFloor, c.lr) });
}

export function buildRun(config: Readonly<Seq2SeqConfig>, rng: Rng): Seq2SeqRun {
  const eps = scheduleFromConfig(config);
  const task = createDateTask({ target: config.task, pairsPerDate: config.pairsPerDate });
  const dims = { inputVocab: task.inputVocab.tokens.length, outputVocab: task.outputVocab.tokens.length, embedding: config.embedding, hidden: config.hidden };
  const model: Seq2SeqModel = {
    dims,
    params: createParams(dims, rng),
    inputVocab: task.inputVocab,
    outputVocab: task.outputVocab,
    inputLength: task.inputLength,
    outputLength: task.outputLength,
  };
  const optimizer = adam(config.lr);
  const schedule = lrScheduleFromConfig(config);
  setLearningRate(optimizer, schedule(0)); // a bad schedule fails here, not at step 0 of a long run
  const lrAt = (i: number, scale = 1) => {
    const lr = schedule(i) * scale;
    setLearningRate(optimizer, lr);
    return lr;
  };
  const data = { train: task.toDataset(task.train), val: task.toDataset(task.val), test: task.toDataset(task.test) };
  const prefixLengths = prefixLengthsOf(config, (data.test.y as { shape: number[] }).shape[1] - 1);
  return { config, task, data, buckets: lengthBuckets(data.train.x, config.lengthBuckets), model, optimizer, lrAt, eps, prefixLengths };
}

/** --prefix-lengths resolved for targets of `steps` decoder steps; checked here, before training, not after it. */
export function prefixLengthsOf(c: Readonly<Seq2SeqConfig>, steps: number): number[] {
  if (c.prefixLengths === 'none') return [];
  if (c.prefixLengths === 'auto') return defaultPrefixLengths(steps);
  const lengths = c.prefixLengths.split(',').map(Number);
  const bad = lengths.find((l) => l >= steps);
  if (bad !== undefined) throw new UserError(`--prefix-lengths ${c.prefixLengths}: ${bad} is not shorter than the ${c.task} targets (${steps} decoder steps)`, `use lengths 0..${steps - 1}, or 'auto'`);
  return lengths;
}

export function disposeRun(r: Seq2SeqRun): void {
  disposeModel(r.model);
  r.optimizer.dispose();
}
