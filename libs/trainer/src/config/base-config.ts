/**
 * The flags every app has. A family extends this with its own fields; `baseConfigSchema` takes the
 * family's defaults for the few values that differ between families.
 */
import { BACKEND_CHOICES, MAX_WASM_THREADS, type BackendPreference } from '@stablegen/backend';
import { z } from 'zod';

/** The backend names `--backend` accepts: the backend lib's list. */
export const BACKENDS = BACKEND_CHOICES as readonly [BackendPreference, ...BackendPreference[]];

export interface BaseDefaults {
  steps: number;
  batchSize: number;
  sampleEvery: number;
  checkpointEvery: number;
  evalEvery: number;
}

const positiveInt = () => z.number().int().positive();

export function baseConfigSchema(d: BaseDefaults) {
  return z.object({
    steps: positiveInt().default(d.steps).describe('training steps (one step = one update of every model)'),
    batchSize: positiveInt().default(d.batchSize).describe('examples per batch'),
    seed: z.number().int().nonnegative().default(1).describe('seed for every random op (weights, data order, noise)'),
    backend: z.enum(BACKENDS).default('auto').describe(`tfjs backend; auto = ${BACKENDS.slice(1).join(' > ')}`),
    threads: z
      .number()
      .int()
      .min(1)
      .max(MAX_WASM_THREADS)
      .optional()
      .describe('threads of the wasm backend: 1 = the single-threaded SIMD build (default, or $STABLEGEN_THREADS), 2+ = the threaded SIMD build; changes speed, not results (on 2 cores it pays for batch-64 conv steps and loses on the mixture MLPs: libs/backend/README.md)'),
    out: z.string().default('').describe('run directory (default runs/<family>/<timestamp>)'),
    resume: z.string().optional().describe('continue the run in this directory from its last good checkpoint'),
    config: z.string().optional().describe('JSON preset listing only the values that differ from the defaults'),
    logEvery: positiveInt().default(10).describe('steps between metric lines in metrics.jsonl'),
    sampleEvery: positiveInt().default(d.sampleEvery).describe('steps between sample grids'),
    checkpointEvery: positiveInt().default(d.checkpointEvery).describe('steps between checkpoints'),
    evalEvery: positiveInt().default(d.evalEvery).describe('steps between evaluations'),
    keepCheckpoints: positiveInt().default(3).describe('checkpoints kept on disk (older ones are deleted)'),
    report: z.boolean().default(true).describe('write report.html at the end (sweeps of many runs may skip it; `compare:report` can write it later)'),
    divergenceFactor: z
      .number()
      .nonnegative()
      .default(1e4)
      .describe('stop the run when |a loss| or |a gradient norm| exceeds this many times max(1, its value at the first step); a NaN or Inf always stops it (0 = only NaN / Inf)'),
    guard: z
      .boolean()
      .default(false)
      .describe('divergence guard: instead of stopping on a NaN / Inf metric or weight or a blow-up past --divergence-factor, roll back to the last good checkpoint, multiply every learning rate by --guard-lr-factor and continue (each rollback in events.jsonl and on the report\'s curves)'),
    guardLrFactor: z.number().gt(0).lt(1).default(0.5).describe('--guard: learning-rate factor of each rollback'),
    guardMaxRollbacks: z.number().int().nonnegative().default(3).describe('--guard: rollbacks allowed in one run; the next divergence stops it'),
  });
}

export type BaseConfig = z.infer<ReturnType<typeof baseConfigSchema>>;

/** Keys that may be given again with --resume (everything else comes from the saved run). */
export const RESUME_OVERRIDABLE = new Set(['steps', 'backend', 'threads', 'resume', 'logEvery', 'sampleEvery', 'checkpointEvery', 'evalEvery', 'keepCheckpoints', 'divergenceFactor', 'guard', 'guardLrFactor', 'guardMaxRollbacks', 'report']);

/**
 * May `key` be given a new value with --resume? The loop's own settings above, and the learning
 * rates (`lr`, `lrD`, `lrG`, ...): what a restart after a divergence changes. The change is
 * recorded in events.jsonl.
 */
export const isResumeOverridable = (key: string): boolean => RESUME_OVERRIDABLE.has(key) || isLearningRateKey(key);

/** A learning rate (`lr`, `lrD`, `lrG`, ...), not a setting of its schedule (`lrSchedule`, `lrStepEvery`, `lrFloor`, ...). */
export const isLearningRateKey = (key: string): boolean => /^lr([A-Z]|$)/.test(key) && !/Decay|Schedule|Floor|Min|Warmup|Step/.test(key);
