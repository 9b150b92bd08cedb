import { describe, expect, it } from 'vitest';
import { cellKey, DEFAULT_LRS, executionOrder, expandGrid, logSpaced, parseFamilies, parseLrs, parseSeeds, parseSteps, runSpec } from './grid.js';

describe('learning-rate grid', () => {
  it('default: 5 values log-spaced from 1e-4 to 1e-2 (10^(-4 + i/2), 3 significant digits)', () => {
    expect(DEFAULT_LRS).toEqual([1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2]);
    expect(logSpaced(1e-3, 1e-1, 3)).toEqual([1e-3, 1e-2, 1e-1]);
    expect(logSpaced(2e-4, 1, 1)).toEqual([2e-4]);
  });

  it('parseLrs sorts, and rejects non-positive, non-numeric and repeated values', () => {
    expect(parseLrs('1e-2, 1e-4,0.001')).toEqual([1e-4, 1e-3, 1e-2]);
    expect(() => parseLrs('1e-3,abc')).toThrow(/--lrs: 'abc' is not a positive learning rate/);
    expect(() => parseLrs('0')).toThrow(/'0'/);
    expect(() => parseLrs('1e-3,,1e-2')).toThrow(/''/);
    expect(() => parseLrs('1e-3,0.001')).toThrow(/repeats a value/);
  });
});

describe('seeds, families, steps', () => {
  it('parseSeeds: a count means 1..n, a list is taken as given', () => {
    expect(parseSeeds('3')).toEqual([1, 2, 3]);
    expect(parseSeeds('4,9,0')).toEqual([4, 9, 0]);
    for (const bad of ['0', '-1', '1.5', 'x', '2,']) expect(() => parseSeeds(bad)).toThrow(/--seeds/);
  });

  it('parseFamilies keeps the given order and names the valid ones on error', () => {
    expect(parseFamilies('wgan-gp,gan')).toEqual(['wgan-gp', 'gan']);
    expect(() => parseFamilies('gan,vae')).toThrow(expect.objectContaining({ message: "--families: unknown family 'vae'", hint: expect.stringMatching(/gan, wgan-gp$/) }));
  });

  it('parseSteps: family defaults, one count for all, or per family', () => {
    expect(parseSteps(undefined)).toEqual({ gan: 1000, 'wgan-gp': 1000 });
    expect(parseSteps('50')).toEqual({ gan: 50, 'wgan-gp': 50 });
    expect(parseSteps('wgan-gp=20')).toEqual({ gan: 1000, 'wgan-gp': 20 });
    expect(parseSteps('gan=7,wgan-gp=20')).toEqual({ gan: 7, 'wgan-gp': 20 });
    for (const bad of ['0', 'gan=0', 'vae=3', 'gan=x', '1e3']) expect(() => parseSteps(bad)).toThrow(/--steps/);
  });
});

describe('expandGrid', () => {
  const runs = expandGrid({ families: ['gan', 'wgan-gp'], lrs: [1e-4, 1e-3, 1e-2], seeds: [1, 2], steps: { gan: 100, 'wgan-gp': 30 } });

  it('every (family, recipe, lr, seed) exactly once: 2 x 2 x 3 x 2 = 24 runs', () => {
    expect(runs).toHaveLength(24);
    expect(new Set(runs.map((r) => `${r.family}|${r.recipe}|${r.lr}|${r.seed}`)).size).toBe(24);
    expect(runs[0]).toEqual({ family: 'gan', recipe: 'plain', lr: 1e-4, seed: 1, steps: 100 });
    expect(runs.filter((r) => r.family === 'wgan-gp').every((r) => r.steps === 30)).toBe(true);
  });

  it('executionOrder: seed by seed, the grid order within a seed', () => {
    const order = executionOrder(runs);
    expect(order.map((r) => r.seed)).toEqual([...Array(12).fill(1), ...Array(12).fill(2)]);
    expect(order.slice(0, 12)).toEqual(runs.filter((r) => r.seed === 1));
  });

  it('runSpec: ring8, the grid lr for both players, the recipe flags, one final evaluation; the cell as its group', () => {
    const gan = runSpec({ family: 'gan', recipe: 'stabilised', lr: 1e-3, seed: 2, steps: 100 }, 'wasm');
    expect([gan.family, gan.seed, gan.group]).toEqual(['gan', 2, 'gan|stabilised|0.001']);
    const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];
    expect([flag(gan.flags, '--dataset'), flag(gan.flags, '--lr-d'), flag(gan.flags, '--lr-g'), flag(gan.flags, '--spectral-norm'), flag(gan.flags, '--eval-every')]).toEqual(['ring8', '0.001', '0.001', 'true', '100']);
    expect(gan.flags.some((f) => /^--(seed|out)$/.test(f))).toBe(false); // the launcher sets those
    const wgan = runSpec({ family: 'wgan-gp', recipe: 'plain', lr: 1e-2, seed: 1, steps: 30 }, 'wasm');
    expect([flag(wgan.flags, '--gp-lambda'), flag(wgan.flags, '--lr-schedule'), flag(wgan.flags, '--n-critic'), flag(wgan.flags, '--ema-decay'), flag(wgan.flags, '--steps')]).toEqual(['0', 'constant', '1', '0', '30']);
    expect(cellKey({ family: 'wgan-gp', recipe: 'plain', lr: 3.16e-4 })).toBe('wgan-gp|plain|0.000316');
  });
});
