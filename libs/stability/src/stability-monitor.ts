/**
 * The stability diagnostics as one training callback: every `every` steps (and at step 1) it
 * measures, for each monitored loss of the models, the per-layer gradient norms, the gradient
 * noise (cosine between the gradients of two independent minibatches) and the sharpness (top
 * Hessian eigenvalue by power iteration, Adam-preconditioned when the optimiser is Adam) with its
 * stability limit, and adds them to the step's metrics, so they are logged, plotted and compared
 * like any other metric. It fits @stablegen/trainer's `TrainCallback` structurally.
 *
 * Metric keys, for a monitored loss named `d`: `stab/d/grad_norm` (all weights), `stab/d/grad_norm/<layerKey>`,
 * `stab/d/grad_cosine`, `stab/d/sharpness`, `stab/d/sharpness_limit` (2 / lr for SGD,
 * (2 + 2 beta1) / ((1 - beta1) lr) for Adam, on the preconditioned Hessian), `stab/d/sharpness_ratio`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adamPreconditioner } from './adam-preconditioner.js';
import { gradientCosine } from './gradient-cosine.js';
import { gradientNorms, layerOf } from './gradient-norms.js';
import { adamSharpnessLimit, sgdSharpnessLimit, topHessianEigenvalue } from './hessian.js';
import type { WeightLike } from './weights.js';

/** One loss to watch, e.g. the critic's or the generator's. */
export interface MonitoredLoss {
  /** Short name used in the metric keys (`stab/<name>/...`). */
  name: string;
  /**
   * The loss on minibatch `draw` (0 and 1 are independent draws; the same draw gives the same
   * batch within one call of the monitor). Returns a scalar; called inside tf.tidy.
   */
  loss(draw: number): tf.Scalar;
  /** The weights the loss is differentiated by (e.g. `model.trainableWeights`). */
  weights: readonly WeightLike[];
  /** The optimiser of these weights: its learning rate gives the sharpness limit; Adam is preconditioned. */
  optimizer: tf.Optimizer;
  /** Frees what `loss` closes over (e.g. its minibatches); called after measuring. */
  dispose?(): void;
}

export interface StabilityMonitorOptions {
  /** Measure every this many steps (and at step 1). Default 100. */
  every?: number;
  /**
   * Power iterations for the sharpness (default 20; the estimate is a lower bound until converged).
   * 0 skips the Hessian (no double backprop through the loss): gradient norms and cosine only.
   */
  hessianIterations?: number;
  /** Last step measured (default: every step of the run); e.g. the first 10% only, where an early warning is read. */
  until?: number;
  /**
   * Where the warning of a failing measurement goes (default console.warn): it names the step and
   * the cause, and the monitor stays off for the rest of the run (a diagnostic must not end a run).
   */
  warn?: (line: string) => void;
}

/** What the trainer hands a callback after each step (the fields the monitor reads). */
export interface MonitorStepInfo<M> {
  step: number;
  models: M;
  /** The step's metrics; the monitor adds its figures here. */
  metrics: Record<string, number>;
}

/** A trainer callback (`TrainCallback` of @stablegen/trainer, structurally). */
export interface StabilityMonitor<M> {
  onStepEnd(info: MonitorStepInfo<M>): Promise<void>;
}

/**
 * Whether `optimizer` is Adam. Not `instanceof`: tfjs-core's Optimizer defines Symbol.hasInstance
 * by duck typing, so every optimiser is an `instanceof tf.AdamOptimizer`.
 */
const isAdam = (optimizer: tf.Optimizer): optimizer is tf.AdamOptimizer => optimizer.getClassName() === 'Adam';

/** The learning rate and, for Adam, beta1 of an optimiser. */
function optimizerFields(optimizer: tf.Optimizer): { lr: number; beta1?: number } {
  const o = optimizer as unknown as { learningRate?: number; beta1?: number };
  if (typeof o.learningRate !== 'number') throw new Error(`stabilityMonitor: cannot read the learning rate of ${optimizer.getClassName()}`);
  return { lr: o.learningRate, beta1: isAdam(optimizer) ? o.beta1 : undefined };
}

/**
 * A per-layer key that is the same in every process: tfjs numbers auto-named layers with a global
 * counter (`dense_Dense4` in one run is `dense_Dense10` in another), so the key is the layer's
 * position in the weight list (input side first) and its name without that counter.
 */
export function layerKey(layerName: string, index: number): string {
  return `layer${String(index + 1).padStart(2, '0')}_${layerName.replace(/\d+$/, '')}`;
}

/** The figures for one monitored loss. */
export async function measureStability(target: MonitoredLoss, options: Omit<StabilityMonitorOptions, 'every'> & { seed?: number } = {}): Promise<Record<string, number>> {
  const { hessianIterations = 20, seed = 0 } = options;
  const key = (k: string) => `stab/${target.name}/${k}`;
  const out: Record<string, number> = {};
  const norms = gradientNorms(() => target.loss(0), target.weights);
  out[key('grad_norm')] = norms.total;
  const layerSquares = new Map<string, number>();
  for (const [name, norm] of Object.entries(norms.weights)) layerSquares.set(layerOf(name), (layerSquares.get(layerOf(name)) ?? 0) + norm * norm);
  [...layerSquares].forEach(([layer, sq], i) => (out[key(`grad_norm/${layerKey(layer, i)}`)] = Math.sqrt(sq)));
  out[key('grad_cosine')] = gradientCosine((draw: number) => target.loss(draw), 0, 1, target.weights);
  if (hessianIterations === 0) return out;
  const { lr, beta1 } = optimizerFields(target.optimizer);
  const adam = isAdam(target.optimizer) && target.optimizer.iterations > 0 ? target.optimizer : undefined;
  const preconditioner = adam ? await adamPreconditioner(adam, target.weights) : undefined;
  try {
    const top = topHessianEigenvalue(() => target.loss(0), target.weights, { iterations: hessianIterations, seed, preconditioner });
    const limit = adam ? adamSharpnessLimit(lr, beta1) : sgdSharpnessLimit(lr);
    out[key('sharpness')] = top.eigenvalue;
    out[key('sharpness_limit')] = limit;
    out[key('sharpness_ratio')] = top.eigenvalue / limit;
  } finally {
    if (preconditioner) tf.dispose(preconditioner);
  }
  return out;
}

/**
 * A training callback that adds the diagnostics of `targets(models)` to the metrics of every
 * `every`-th step (and of step 1) up to step `until`.
 */
export function stabilityMonitor<M>(targets: (models: M) => readonly MonitoredLoss[], options: StabilityMonitorOptions = {}): StabilityMonitor<M> {
  const every = options.every ?? 100;
  if (!Number.isInteger(every) || every < 1) throw new Error(`stabilityMonitor: every must be an integer >= 1, got ${every}`);
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const warn = options.warn ?? ((line: string) => console.warn(line));
  let off = false;
  return {
    async onStepEnd({ step, models, metrics }: MonitorStepInfo<M>): Promise<void> {
      if (off || step > until || (step !== 1 && step % every !== 0)) return;
      const list = targets(models);
      const measured: Record<string, number> = {};
      try {
        for (const target of list) Object.assign(measured, await measureStability(target, { ...options, seed: step }));
        Object.assign(metrics, measured);
      } catch (error) {
        off = true; // a broken diagnostic fails the same way at every later step
        const cause = error instanceof Error ? error.message : String(error);
        warn(`stability monitor: step ${step}: ${cause}; diagnostics are off for the rest of this run (training goes on; rerun with --monitor-every 0 to silence this)`);
      } finally {
        for (const target of list) target.dispose?.(); // every target's, even when one measurement throws
      }
    },
  };
}
