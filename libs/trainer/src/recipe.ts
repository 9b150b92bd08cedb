/**
 * A recipe is one model family's training: which models and optimisers, one training step, and
 * optional samples / evaluation / export. The trainer repeats `step`; everything else is callbacks.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import type { z } from 'zod';
import type { Checkpointable } from './checkpoint/checkpointable.js';
import type { BaseConfig } from './config/base-config.js';
import type { TrainCallback } from './callbacks.js';
import type { GeneratorContract } from './export-model.js';

export interface StepContext<C> {
  /** 1-based step number. */
  step: number;
  /** The run's seeded generator: draw batch indices and tfjs op seeds from it. */
  rng: Rng;
  config: Readonly<C>;
  /**
   * The product of the learning-rate factors of the rollbacks so far (1 without a guard): a recipe
   * that sets its rates each step (a schedule) multiplies them by this, or the backoff is undone.
   */
  lrScale?: number;
}

/** A file written under samples/ as `step-000100<suffix>.<ext>`. */
export interface SampleArtifact {
  ext: 'png' | 'svg' | 'txt' | 'json' | 'csv';
  data: Buffer | string;
  suffix?: string;
}

export interface Recipe<C extends BaseConfig, M> {
  family: string;
  /** One line for `--help`. */
  summary: string;
  /** The family's full config schema (base fields included), with typed defaults. */
  schema: z.ZodObject;
  /**
   * Values the config leaves to the recipe (an optional key whose default depends on others), made
   * explicit so config.json shows what ran; a UserError here stops the run before anything exists.
   */
  resolveDefaults?(config: Readonly<C>): Partial<C>;
  /** Models, optimisers and data; weights drawn from `rng`. */
  build(config: Readonly<C>, rng: Rng): Promise<M> | M;
  /** One training step, run inside tf.tidy; returns scalar metrics (losses, norms). */
  step(models: M, ctx: StepContext<C>): Record<string, number>;
  /** The tensors a checkpoint must hold. */
  checkpointable(models: M): Checkpointable;
  /** Extra JSON state for checkpoints (e.g. a curriculum position). */
  saveState?(models: M): Record<string, unknown>;
  loadState?(models: M, state: Record<string, unknown>): void;
  /** Samples at a fixed latent batch, so progress is visible over time. */
  sample?(models: M, step: number): Promise<SampleArtifact[]>;
  /** Quality metrics (logged with the step). */
  evaluate?(models: M, step: number): Promise<Record<string, number>>;
  /** Callbacks the recipe itself brings for this config (e.g. stability monitors); run after the caller's. */
  callbacks?(config: Readonly<C>): TrainCallback<M>[];
  /** The model exported at the end in the LayersModel format (the generator). */
  exportModel?(models: M): LayersModel;
  /** The exported generator's input and output, for model.json (the shapes are read from the model). */
  exportContract?(models: M, config: Readonly<C>): Pick<GeneratorContract, 'latentDim' | 'classes' | 'output' | 'outputRange'>;
  dispose?(models: M): void;
}
