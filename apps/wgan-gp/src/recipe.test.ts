import { describe, expect, it } from 'vitest';
import { wganGpSchema } from './config.js';
import { lrFactor, wganGpRecipe } from './recipe.js';

describe('lrFactor', () => {
  it('linear: 1 at the first step, 1/steps at the last (lr_t = lr (1 - (t - 1) / T))', () => {
    const config = wganGpSchema.parse({ steps: 4, lrDecay: 'linear' });
    expect([1, 2, 3, 4].map((t) => lrFactor(config, t))).toEqual([1, 0.75, 0.5, 0.25]);
  });

  it('none: constant', () => {
    expect(lrFactor(wganGpSchema.parse({ steps: 4 }), 4)).toBe(1);
  });
});

describe('wganGpRecipe defaults', () => {
  it('are the recipe of Gulrajani et al. 2017, alg. 1', () => {
    // n_critic 5, lambda 10, Adam(alpha 1e-4, beta1 0, beta2 0.9); no batch norm in the critic.
    expect(wganGpRecipe.family).toBe('wgan-gp');
    expect(wganGpSchema.parse({})).toMatchObject({ nCritic: 5, gpLambda: 10, lrD: 1e-4, lrG: 1e-4, beta1: 0, beta2: 0.9, criticNorm: 'layer', lrDecay: 'none' });
    expect(() => wganGpSchema.parse({ criticNorm: 'batch' })).toThrow();
  });
});
