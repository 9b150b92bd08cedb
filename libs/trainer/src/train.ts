/**
 * The loop: build (or restore) the recipe's models, repeat `step`, and on schedule log metrics,
 * evaluate, write samples and checkpoints. Ctrl-C finishes the current step, checkpoints and
 * returns; `resume` continues from the newest checkpoint that verifies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { appendEvent, appendMetrics, type RunPaths } from '@stablegen/run-files';
import { EventFileWriter } from '@stablegen/tensorboard';
import type { StepEndInfo, TrainCallback } from './callbacks.js';
import { listCheckpoints, pruneCheckpoints, writeCheckpoint } from './checkpoint/checkpoint-format.js';
import { collectTensors } from './checkpoint/checkpointable.js';
import type { BaseConfig } from './config/base-config.js';
import { exportLayersModel } from './export-model.js';
import { DivergenceStop, divergenceHint, learningRateFlags } from './divergence-stop.js';
import { loopCheckpointState, type LoopState } from './loop-state.js';
import { createProgress, type Progress } from './progress.js';
import type { Recipe } from './recipe.js';
import { divergenceGuard } from './rollback/divergence-guard.js';
import { isRollbackRequest, type RollbackPolicy } from './rollback/protocol.js';
import { rollBack } from './rollback/roll-back.js';
import type { RunEnvironment } from './run-environment.js';
import { startRun } from './run-start.js';
import { UserError } from './user-error.js';

export interface TrainOptions<M> {
  callbacks?: TrainCallback<M>[];
  /** Lines for the user (default: above the progress bar). */
  log?: (line: string) => void;
  /** Aborting acts like Ctrl-C (tests use it). */
  signal?: AbortSignal;
  /** Force the plain (non-TTY) progress output; default detects. */
  tty?: boolean;
  /** Where this run runs (runApp captures it): written into config.json, or into a resume event. */
  environment?: RunEnvironment;
}

export interface TrainResult {
  runDir: string;
  lastStep: number;
  interrupted: boolean;
}

async function checkpoint<C extends BaseConfig, M>(recipe: Recipe<C, M>, models: M, run: RunPaths, s: LoopState, keep: number, log: (l: string) => void) {
  const tensors = await collectTensors(recipe.checkpointable(models));
  const dir = writeCheckpoint(run.checkpoints, { step: s.step, tensors, state: loopCheckpointState(recipe, models, s) });
  pruneCheckpoints(run.checkpoints, keep);
  s.lastRestored = undefined;
  appendEvent(run.root, { step: s.step, kind: 'checkpoint' });
  log(`step ${s.step}: checkpoint written (${path.relative(run.root, dir)})`);
}

/** The one-line error of a diverged run (the hint depends on whether a checkpoint exists). */
function divergedError<C extends BaseConfig, M>(recipe: Recipe<C, M>, config: Readonly<C>, run: RunPaths, step: number, reason: string): UserError {
  const newest = listCheckpoints(run.checkpoints)[0];
  const lastCheckpoint = newest === undefined ? undefined : Number(path.basename(newest).slice('step-'.length));
  return new UserError(`training diverged at step ${step}: ${reason}`, divergenceHint({ root: run.root, lastCheckpoint, lrFlags: learningRateFlags(recipe.schema), factor: config.divergenceFactor }));
}

async function writeSamples<C extends BaseConfig, M>(recipe: Recipe<C, M>, models: M, run: RunPaths, step: number, log: (l: string) => void, tb: EventFileWriter) {
  const names: string[] = [];
  for (const a of (await recipe.sample?.(models, step)) ?? []) {
    names.push(`step-${String(step).padStart(6, '0')}${a.suffix ?? ''}.${a.ext}`);
    fs.writeFileSync(path.join(run.samples, names[names.length - 1]), a.data);
    if (a.ext === 'png' && typeof a.data !== 'string') tb.addImage(step, `samples${(a.suffix ?? '').replace(/-\d+x\d+/, '')}`, a.data);
  }
  if (names.length > 0) log(`step ${step}: samples written (${names.map((n) => `samples/${n}`).join(', ')})`);
}

/** 'fd_mnist 10.87, confident_share 0.866, ...' (the first few of an evaluation). */
const headline = (m: Record<string, number>) =>
  Object.entries(m)
    .slice(0, 4)
    .map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`)
    .join(', ');

const due = (step: number, every: number, last: number) => step % every === 0 || step === last;

/** Logging, evaluation, samples and checkpoint after step `state.step`, each on its schedule. */
async function afterStep<C extends BaseConfig, M>(recipe: Recipe<C, M>, models: M, run: RunPaths, state: LoopState, config: Readonly<C>, log: (l: string) => void, tb: EventFileWriter): Promise<void> {
  const { step } = state;
  if (due(step, config.logEvery, config.steps)) {
    const means = state.means.flush();
    appendMetrics(run.root, { step, time: state.elapsed, ...means });
    tb.addScalars(step, means);
  }
  if (recipe.evaluate && due(step, config.evalEvery, config.steps)) {
    const scores = await recipe.evaluate(models, step);
    appendMetrics(run.root, { step, time: state.elapsed, ...scores });
    tb.addScalars(step, scores);
    if (Object.keys(scores).length > 0) log(`step ${step}: evaluated (${headline(scores)})`);
  }
  if (recipe.sample && due(step, config.sampleEvery, config.steps)) await writeSamples(recipe, models, run, step, log, tb);
  if (due(step, config.checkpointEvery, config.steps)) await checkpoint(recipe, models, run, state, config.keepCheckpoints, log);
}

/** The generator in run/generator/ with its contract (family, input, output) in model.json. */
async function exportGenerator<C extends BaseConfig, M>(recipe: Recipe<C, M>, models: M, config: Readonly<C>, run: RunPaths): Promise<void> {
  const model = recipe.exportModel!(models);
  const shape = (s: readonly (number | null)[]) => s.slice(1).map(Number);
  const contract = recipe.exportContract && {
    family: recipe.family,
    ...recipe.exportContract(models, config),
    inputShape: shape(model.inputs[0].shape),
    outputShape: shape(model.outputs[0].shape),
  };
  await exportLayersModel(model, run.generator, contract);
}

/** Runs the callbacks in order; the first rollback request stops the round and is returned with its policy. */
async function runCallbacks<M>(callbacks: readonly TrainCallback<M>[], info: StepEndInfo<M>): Promise<{ reason: string; policy: RollbackPolicy } | undefined> {
  for (const cb of callbacks) {
    const out = await cb.onStepEnd?.(info);
    if (!isRollbackRequest(out)) continue;
    if (!cb.guard) throw new Error(`a callback without a 'guard' policy asked for a rollback at step ${info.step} (${out.reason})`);
    return { reason: out.reason, policy: cb.guard };
  }
  return undefined;
}

/**
 * The guard `--guard` adds: a NaN / Inf metric or weight (the divergence guard's checks, over
 * every model of the checkpoint), or a blow-up past --divergence-factor (DivergenceStop's test),
 * asks for a rollback with the config's factor and limit instead of stopping the run.
 */
function configGuard<C extends BaseConfig, M>(recipe: Recipe<C, M>, config: Readonly<C>, stop: DivergenceStop): TrainCallback<M> {
  const weights = (m: M) => Object.values(recipe.checkpointable(m).models).flatMap((model) => model.weights);
  const g = divergenceGuard<M>({ weights, lrFactor: config.guardLrFactor, maxRollbacks: config.guardMaxRollbacks });
  return {
    guard: g.guard,
    onStepEnd(info) {
      const request = g.onStepEnd(info);
      if (request) return request;
      const blowUp = stop.check(info.metrics);
      return blowUp ? { action: 'rollback', reason: blowUp } : undefined;
    },
  };
}

/** Trains `recipe` with `config`; returns where the run is and whether it was interrupted. */
export async function train<C extends BaseConfig, M>(recipe: Recipe<C, M>, config: Readonly<C>, options: TrainOptions<M> = {}): Promise<TrainResult> {
  const shown: { progress?: Progress } = {};
  const log = options.log ?? ((line: string) => (shown.progress ? shown.progress.log(line) : console.log(line)));
  const { run, models, state, created } = await startRun(recipe, config, log, options.environment);
  const stop = new DivergenceStop(config.divergenceFactor, state.divergenceScales);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupt: finishing this step and writing a checkpoint (Ctrl-C again to quit now)');
  };
  process.on('SIGINT', onSigint);
  options.signal?.addEventListener('abort', () => (interrupted = true));
  // Guards run first; with one, a step-0 checkpoint guarantees something to roll back to.
  const builtIn = config.guard ? [configGuard(recipe, config, stop)] : [];
  const callbacks = [...builtIn, ...(options.callbacks ?? []), ...(recipe.callbacks?.(config) ?? [])].sort((a, b) => Number(!!b.guard) - Number(!!a.guard));
  const guarded = callbacks.some((cb) => cb.guard);
  if (guarded && listCheckpoints(run.checkpoints).length === 0) await checkpoint(recipe, models, run, state, config.keepCheckpoints, log);
  const tb = new EventFileWriter(run.tensorboard);
  const progress = createProgress(config.steps, state.step, options.tty);
  shown.progress = progress;
  try {
    let t0 = performance.now();
    while (state.step < config.steps && !interrupted) {
      const step = state.step + 1;
      const metrics = tf.tidy(() => recipe.step(models, { step, rng: state.rng, config, lrScale: state.lrScale }));
      state.elapsed += (performance.now() - t0) / 1000;
      const diverged = guarded ? undefined : stop.check(metrics);
      if (diverged) throw divergedError(recipe, config, run, step, diverged);
      const request = await runCallbacks(callbacks, { step, models, metrics, run });
      if (request) await rollBack({ recipe, models, run, state, config, log }, step, request);
      else {
        const nonFinite = Object.entries(metrics).find(([, v]) => !Number.isFinite(v)); // a guard that does not watch this metric let it through
        if (nonFinite) throw divergedError(recipe, config, run, step, `${nonFinite[0]} is ${nonFinite[1]}`);
        state.divergenceScales = stop.scales;
        state.step = step;
        state.means.add(metrics);
        await afterStep(recipe, models, run, state, config, log, tb);
        progress.update(step, metrics);
      }
      await new Promise((resolve) => setImmediate(resolve)); // let a pending Ctrl-C be seen
      t0 = performance.now(); // time spent on callbacks, logging, samples and checkpoints is not training time
    }
    if (interrupted && state.step % config.checkpointEvery !== 0) await checkpoint(recipe, models, run, state, config.keepCheckpoints, log);
    if (!interrupted && recipe.exportModel) await exportGenerator(recipe, models, config, run);
  } catch (err) {
    // A run that fails before its first checkpoint cannot be resumed: leave nothing that blocks a rerun.
    if (created && listCheckpoints(run.checkpoints).length === 0) fs.rmSync(run.root, { recursive: true, force: true });
    throw err;
  } finally {
    progress.stop();
    tb.close();
    process.off('SIGINT', onSigint);
    recipe.dispose?.(models);
  }
  if (interrupted) log(`interrupted at step ${state.step}; checkpoint saved. Continue with --resume ${run.root}`);
  return { runDir: run.root, lastStep: state.step, interrupted };
}
