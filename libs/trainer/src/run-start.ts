/**
 * Starting a run: a new one builds its models (loading and checking the data) before its run
 * directory exists, so a bad flag or bad data never leaves a directory behind; a resumed one
 * restores the newest checkpoint that verifies and records any value changed on the command line
 * (a lower learning rate, more steps) in events.jsonl and config.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendEvent, runPaths, truncateMetricsAfter, writeFileAtomic, type RunPaths } from '@stablegen/run-files';
import { createRng } from '@stablegen/random';
import { listCheckpoints, readLatestGoodCheckpoint, type CheckpointData } from './checkpoint/checkpoint-format.js';
import { restoreTensors } from './checkpoint/checkpointable.js';
import type { BaseConfig } from './config/base-config.js';
import { freshLoopState, restoreLoopState, type LoopState } from './loop-state.js';
import type { Recipe } from './recipe.js';
import { scaleLearningRates } from './rollback/protocol.js';
import type { RunEnvironment } from './run-environment.js';
import { createRunDir, defaultRunRoot } from './run-dir.js';
import { UserError } from './user-error.js';

export interface StartedRun<M> {
  run: RunPaths;
  models: M;
  state: LoopState;
  /** True when this call made the run directory (a failure before its first checkpoint removes it). */
  created: boolean;
}

/** Fails fast, before any data is loaded, when `--out` cannot take a new run. */
function checkOut(root: string): void {
  let dir = path.resolve(root);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!fs.statSync(dir).isDirectory()) throw new UserError(`--out ${root} is not writable (ENOTDIR)`, 'choose a directory you can write to');
  const run = runPaths(root);
  if (fs.existsSync(run.config) && listCheckpoints(run.checkpoints).length > 0) {
    throw new UserError(`--out ${root} already holds a run`, `continue it with --resume ${root}, or choose another --out`);
  }
}

/** Keys given again on the command line with another value than the saved run's: recorded, and saved for later resumes. */
function recordOverrides(run: RunPaths, config: object, step: number, log: (l: string) => void): void {
  const saved = JSON.parse(fs.readFileSync(run.config, 'utf8')) as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(config)) {
    if (key === 'resume' || key === 'out' || key === 'config' || key === 'environment' || JSON.stringify(saved[key]) === JSON.stringify(to)) continue;
    changes[key] = { from: saved[key], to };
  }
  if (Object.keys(changes).length === 0) return;
  appendEvent(run.root, { step, kind: 'override', changes });
  const { resume: _r, out: _o, ...rest } = config as Record<string, unknown>;
  writeFileAtomic(run.config, JSON.stringify({ ...saved, ...rest }, null, 2) + '\n');
  log(`resume: ${Object.entries(changes).map(([k, c]) => `${k} ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`).join(', ')} (recorded in ${run.events})`);
}

async function restore<C extends BaseConfig, M>(recipe: Recipe<C, M>, models: M, ckpt: CheckpointData, state: LoopState, config: Readonly<C>, root: string): Promise<void> {
  try {
    await restoreTensors(recipe.checkpointable(models), ckpt.tensors);
  } catch (err) {
    throw new UserError(`--resume ${root}: checkpoint does not fit this ${recipe.family} model (${(err as Error).message})`, 'resume with the code version that wrote it, or start a new run');
  }
  restoreLoopState(recipe, models, ckpt, state, config.seed);
  state.elapsed = Number(ckpt.state.elapsed ?? 0);
  state.rollbacks = Number(ckpt.state.rollbacks ?? 0);
  state.lrScale = Number(ckpt.state.lrScale ?? 1);
  if (state.lrScale !== 1) scaleLearningRates(recipe.checkpointable(models).optimizers, state.lrScale);
}

export async function startRun<C extends BaseConfig, M>(recipe: Recipe<C, M>, config: Readonly<C>, log: (l: string) => void, environment?: RunEnvironment): Promise<StartedRun<M>> {
  const state = freshLoopState(config.seed);
  if (!config.resume) {
    const root = config.out || defaultRunRoot(recipe.family);
    checkOut(root);
    const models = await recipe.build(config, createRng(config.seed));
    try {
      return { run: createRunDir(root, recipe.family, environment ? { ...config, environment } : config, log), models, state, created: true };
    } catch (err) {
      recipe.dispose?.(models);
      throw err;
    }
  }
  const root = config.resume;
  const run = runPaths(root);
  const ckpt = readLatestGoodCheckpoint(run.checkpoints, log);
  if (!ckpt) throw new UserError(`--resume ${root}: no usable checkpoint in ${run.checkpoints}`, `start it again with --out ${root} (a run without a checkpoint is replaced)`);
  const models = await recipe.build(config, createRng(config.seed));
  await restore(recipe, models, ckpt, state, config, root);
  truncateMetricsAfter(run.root, ckpt.step);
  recordOverrides(run, config, ckpt.step, log);
  if (environment) appendEvent(run.root, { step: ckpt.step, kind: 'resume', environment });
  log(`resuming ${root} from step ${ckpt.step}`);
  return { run, models, state, created: false };
}
