/**
 * The unlabelled-images preset: which command lines get it, and that it resolves to the study's
 * best MNIST recipe (lrD 2e-3, lrG 4e-3, linear decay, EMA 0.999) under flags that still override it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveAppConfig } from '@stablegen/trainer';
import { describe, expect, it } from 'vitest';
import { ganApp } from './app.js';
import type { GanConfig } from './config.js';
import { isUnlabelledImageRun, withUnlabelledPresetIn } from './unlabelled-preset.js';

const resolve = (argv: string[]) => resolveAppConfig(ganApp.recipe, ganApp.options, argv) as GanConfig;
const optimiser = (c: GanConfig) => ({ lrD: c.lrD, lrG: c.lrG, lrSchedule: c.lrSchedule, emaDecay: c.emaDecay });
const STUDY_BEST = { lrD: 2e-3, lrG: 4e-3, lrSchedule: 'linear', emaDecay: 0.999 };
const CONDITIONAL = { lrD: 2e-4, lrG: 4e-4, lrSchedule: 'constant', emaDecay: 0 };

describe('unlabelled-images preset', () => {
  it.each([
    [['--conditional', 'false'], true],
    [['--conditional=false'], true],
    [['--conditional', '0', '--dataset', 'mnist'], true],
    [['--dataset', 'folder:/tmp/faces'], true],
    [['--dataset=folder:/tmp/faces'], true],
    [[], false],
    [['--conditional'], false],
    [['--conditional', '--steps', '5'], false],
    [['--dataset', 'ring8'], false],
    [['--dataset', 'grid25', '--conditional', 'false'], false],
  ])('%j is an unlabelled image run: %s', (argv, expected) => {
    expect(isUnlabelledImageRun(argv)).toBe(expected);
  });

  it('--conditional false and an image folder (--data) resolve to the study\'s best MNIST recipe; the labelled default keeps its rates', () => {
    expect(optimiser(resolve(['--conditional', 'false']))).toEqual(STUDY_BEST);
    expect(optimiser(resolve(['--conditional=false']))).toEqual(STUDY_BEST);
    expect(optimiser(resolve(['--data', '/tmp/some-folder']))).toEqual(STUDY_BEST);
    expect(optimiser(resolve([]))).toEqual(CONDITIONAL);
    expect(resolve([]).conditional).toBe(true);
    expect(optimiser(resolve(['--dataset', 'ring8']))).toEqual({ lrD: 1e-3, lrG: 1e-3, lrSchedule: 'constant', emaDecay: 0 });
  });

  it('flags override it, and an explicit --config or --resume replaces it', () => {
    expect(optimiser(resolve(['--conditional', 'false', '--lr-d', '0.001', '--ema-decay', '0']))).toEqual({ ...STUDY_BEST, lrD: 1e-3, emaDecay: 0 });
    const mine = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gan-preset-')), 'mine.json');
    fs.writeFileSync(mine, JSON.stringify({ family: 'gan', steps: 7 }));
    const c = resolve(['--config', mine, '--conditional', 'false']);
    expect([c.steps, ...Object.values(optimiser(c))]).toEqual([7, ...Object.values(CONDITIONAL)]);
    const resuming = ['--resume', 'runs/gan/x', '--conditional', 'false'];
    expect(withUnlabelledPresetIn('/configs', resuming)).toEqual(resuming); // the run's own config.json is the base
    expect(withUnlabelledPresetIn('/configs', ['--conditional', 'false'])).toEqual(['--config', path.join('/configs', 'unlabelled-images.json'), '--conditional', 'false']);
  });
});
