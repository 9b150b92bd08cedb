/**
 * A family's shipped training step outside the loop: the recipe's models built from flags exactly
 * as `train` builds them (weights from the seed, step randomness from seed + 1), and `step()`
 * running `recipe.step` inside tf.tidy. What the step benchmarks, the kernel audit and the
 * backend-parity tests drive, so they measure the code that trains, not a replica.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';
import type { BaseConfig } from './config/base-config.js';
import { resolveConfig } from './config/resolve-config.js';
import type { Recipe } from './recipe.js';

export interface StepRunner<C> {
  family: string;
  config: Readonly<C>;
  /** One training step (the next step number); its metrics. */
  step(): Record<string, number>;
  dispose(): void;
}

/**
 * @param argv the family's flags, as on its command line
 * @param firstStep the step number of the first `step()` (e.g. past progressive's growth schedule)
 */
export async function createStepRunner<C extends BaseConfig, M>(recipe: Recipe<C, M>, argv: string[], firstStep = 1): Promise<StepRunner<C>> {
  const resolved = resolveConfig(recipe.family, recipe.summary, recipe.schema, argv, () => undefined);
  if (!resolved) throw new Error('createStepRunner: --help is not a run');
  const config = resolved.config as Readonly<C>;
  const models = await recipe.build(config, createRng(config.seed));
  const rng = createRng(config.seed + 1);
  let next = firstStep;
  return {
    family: recipe.family,
    config,
    step: () => {
      const step = next++;
      return tf.tidy(() => recipe.step(models, { step, rng, config }));
    },
    dispose: () => recipe.dispose?.(models),
  };
}
