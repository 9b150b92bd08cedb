import { describe, expect, it } from 'vitest';
import { judgeStudyRun, studyCells, workingRange } from './cells.js';
import { STUDY_DATASETS } from './datasets.js';
import { studyEffects } from './effects.js';
import { expandStudy, multipliers, studySpec } from './grid.js';
import { recipeNamed, STUDY_PROTOCOL, STUDY_RECIPES } from './recipes.js';
import { studyMarkdown } from './report.js';
import { aucOf, earlyWarningAucs, outcomeOf } from './early-warning.js';

const done = (final: Record<string, number>) => ({ status: 'done' as const, final });

describe('study grid', () => {
  it('7 multipliers over 2.5 decades, centred on 1 (10^-1.25 .. 10^1.25)', () => {
    const m = multipliers(7, 2.5);
    expect(m).toHaveLength(7);
    expect(m[3]).toBe(1);
    expect(m[0]).toBeCloseTo(10 ** -1.25, 4);
    expect(m[6]).toBeCloseTo(10 ** 1.25, 1);
    expect(Math.log10(m[6] / m[0])).toBeCloseTo(2.5, 2); // 3 significant digits
    expect(multipliers(1, 2.5)).toEqual([1]);
  });

  it('runs seed by seed; the spec scales both rates and keeps the recipe flags', () => {
    const runs = expandStudy(STUDY_RECIPES.slice(0, 2).map((r) => ({ ...r, lrD: 1e-3, lrG: 1e-3 })), [0.1, 1], [1, 2], 8000);
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.seed)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    const preset = recipeNamed('wgan-gp (preset)')!;
    const [run] = expandStudy([{ ...preset, lrD: 3e-3, lrG: 1e-3 }], [0.1], [3], 800);
    expect([run.lrD, run.lrG]).toEqual([3e-4, 1e-4]); // 3:1 kept
    const spec = studySpec(run, preset, 'cpu', 'ring8');
    expect(spec).toMatchObject({ family: 'wgan-gp', seed: 3, group: 'wgan-gp (preset)|x0.1' });
    const at = (flag: string) => spec.flags[spec.flags.indexOf(flag) + 1];
    expect([at('--dataset'), at('--steps'), at('--lr-d'), at('--lr-g'), at('--gp-lambda'), at('--n-critic'), at('--lr-schedule'), at('--ema-decay'), at('--eval-every')]).toEqual(['ring8', '800', '0.0003', '0.0001', '1', '1', 'linear', '0.999', '800']);
    expect([at('--monitor-every'), at('--monitor-until')]).toEqual(['20', '80']); // 2.5% .. 10% of the steps
    // 1,500 steps (the MNIST block): every reading inside the launcher's early window (step <= 150), 4 after step 1
    const mnist = studySpec({ ...run, steps: 1500 }, preset, 'cpu', 'ring8');
    const flagOf = (f: string) => Number(mnist.flags[mnist.flags.indexOf(f) + 1]);
    expect([flagOf('--monitor-every'), flagOf('--monitor-until')]).toEqual([37, 150]);
    expect(studySpec(expandStudy([{ ...recipeNamed('gan + SN')!, lrD: 1e-3, lrG: 1e-3 }], [1], [1], 800)[0], recipeNamed('gan + SN')!, 'cpu', 'ring8').flags).toEqual(expect.arrayContaining([...STUDY_PROTOCOL, '--spectral-norm', 'true']));
    expect(studySpec(run, recipeNamed('wgan-gp (preset) + guard')!, 'cpu', 'ring8').flags).toContain('--guard');
  });
});

describe('study verdicts, cells and working range', () => {
  it('converged = done, finite, every mode, HQ >= 80%, all of the EMA generator', () => {
    const ring8 = STUDY_DATASETS.ring8;
    const ema = (modes: number, hq: number, kl: number, rest: Record<string, number> = {}) => done({ 'ema/modes': modes, 'ema/hq_share': hq, 'ema/reverse_kl': kl, modes: 3, hq_share: 0.2, reverse_kl: 1, ...rest });
    expect(judgeStudyRun(ema(8, 0.85, 0.01, { 'loss/d': 1 }), ring8)).toEqual({ converged: true, reason: '', covered: 8, quality: 0.85, distance: 0.01, rawQuality: 0.2 });
    expect(judgeStudyRun(ema(7, 0.95, 0.1), ring8).reason).toBe('7 of 8 modes');
    expect(judgeStudyRun(ema(24, 0.95, 0.1), STUDY_DATASETS.grid25).reason).toBe('24 of 25 modes');
    expect(judgeStudyRun(ema(8, 0.79, 0.01), ring8).reason).toBe('HQ 79.0% < 80%');
    expect(judgeStudyRun(ema(8, 0.9, 0.01, { 'loss/g': Number.NaN }), ring8).reason).toBe('loss/g not finite');
    expect(judgeStudyRun(done({ modes: 8, hq_share: 0.95, reverse_kl: 0.01 }), ring8).reason).toBe('no of 8 modes'); // the raw generator alone is not judged
    expect(judgeStudyRun({ status: 'failed', error: 'training diverged at step 40 — lower the rate', final: {} }, ring8)).toMatchObject({ converged: false, reason: 'training diverged at step 40' });
  });

  it("with 'raw', the raw generator's keys by the same bar", () => {
    const ring8 = STUDY_DATASETS.ring8;
    const record = done({ 'ema/modes': 8, 'ema/hq_share': 0.9, 'ema/reverse_kl': 0.01, modes: 7, hq_share: 0.95, reverse_kl: 0.2 });
    expect(judgeStudyRun(record, ring8).converged).toBe(true);
    expect(judgeStudyRun(record, ring8, 'raw')).toMatchObject({ converged: false, reason: '7 of 8 modes', covered: 7, quality: 0.95, rawQuality: 0.95 });
  });

  it('MNIST: every digit class and >= 80% confident samples, of the EMA generator', () => {
    const mnist = STUDY_DATASETS.mnist;
    const digits = (classes: number, confident: number) => done({ 'ema/classes_covered': classes, 'ema/confident_share': confident, 'ema/fd_mnist': 12, confident_share: 0.7 });
    expect(judgeStudyRun(digits(10, 0.83), mnist)).toEqual({ converged: true, reason: '', covered: 10, quality: 0.83, distance: 12, rawQuality: 0.7 });
    expect(judgeStudyRun(digits(9, 0.9), mnist).reason).toBe('9 of 10 classes');
    expect(judgeStudyRun(digits(10, 0.5), mnist).reason).toBe('confident 50.0% < 80%');
  });

  it('cells: k/n with Wilson intervals; the working range is the widest adjacent run at >= 80%', () => {
    // converged seeds of 5 per multiplier: 0.1 -> 5, 0.3 -> 4, 1 -> 3, 3 -> 5, 10 -> 5, 30 -> 5
    const counts: [number, number][] = [[0.1, 5], [0.3, 4], [1, 3], [3, 5], [10, 5], [30, 5]];
    const runs = counts.flatMap(([m, k]) => Array.from({ length: 5 }, (_, s) => ({ recipe: 'r', family: 'gan' as const, multiplier: m, lrD: m, lrG: m, seed: s + 1, steps: 1, converged: s < k, rawConverged: s < k, reason: '', quality: s < k ? 0.9 : 0.1, distance: 0.01, rawQuality: 0.5 })));
    const cells = studyCells(runs, ['r']);
    expect(cells.map((c) => c.converged)).toEqual([5, 4, 3, 5, 5, 5]);
    expect(cells[0].lo).toBeCloseTo(0.5655, 3); // Wilson 5/5: [0.566, 1]
    expect(cells[0].hi).toBe(1);
    expect(cells[1].meanQuality).toBeCloseTo((4 * 0.9 + 0.1) / 5, 12);
    expect(cells[1].meanRawQuality).toBeCloseTo(0.5, 12);
    // 0.1..0.3 (2 cells) and 3..30 (3 cells): the wider is 3..30, log10(10) = 1 decade
    expect(workingRange(cells, 'r')).toEqual({ recipe: 'r', from: 3, to: 30, decades: 1, cells: 3 });
    expect(workingRange(cells.filter((c) => c.multiplier === 1), 'r')).toEqual({ recipe: 'r', decades: 0, cells: 0 });
    expect(workingRange(cells.filter((c) => c.multiplier === 10), 'r')).toMatchObject({ from: 10, to: 10, decades: 0, cells: 1 });
    const md = studyMarkdown(cells, [workingRange(cells, 'r')], [{ ...STUDY_RECIPES[0], lrD: 1e-3, lrG: 1e-3 }], STUDY_DATASETS.ring8, {
      command: 'c', dataset: 'ring8', steps: 1, seeds: [1, 2, 3, 4, 5], multipliers: counts.map(([m]) => m), planned: 31, finished: 30,
      wallMinutes: 1, runMinutes: 1, loadStart: [1], loadEnd: [1], jobs: 2, figures: { heatmap: 'h.png', ranges: 'r.png' },
    }, [], studyEffects(runs, [{ name: 'r' }, { name: 'not run', adds: { what: 'x', to: 'r' } }], counts.map(([m]) => m)));
    expect(md).toContain('| r | 5/5 [57, 100] | 4/5 [38, 96] | 3/5 [23, 88] |');
    // the range reaches the grid's last multiplier (x30): censored, ">="
    expect(md).toMatch(/\| r \| >= 1\.00 \| x3 \.\. x30 \| 3 \| \d\.\d\d \[\d\.\d\d, \d\.\d\d\] \|/);
    // same runs judged alike both ways: the EMA row is within noise; 'not run' has no runs, so no comparison row
    expect(md).toMatch(/\| generator EMA \(decay 0\.999\) \| r, EMA generator \| r, raw generator \| 1\.00 \/ 1\.00 \| .* \| within noise \|/);
    expect(md).not.toContain('| x | not run |');
    expect(md).toContain('30 of 31 runs finished (the study is not complete');
  });
});

describe('early warning', () => {
  it('AUC by Mann-Whitney with ties as one half; the Hanley-McNeil interval by hand', () => {
    // bad 3, 5 against good 1, 3, 4: pairs won 3>1, 5>1, 5>3, 5>4 (4) + one tie (3 = 3) = 4.5 of 6
    const a = aucOf([3, 5], [1, 3, 4]);
    expect(a.auc).toBeCloseTo(0.75, 12);
    const [q1, q2] = [0.75 / 1.25, (2 * 0.5625) / 1.75];
    const se = Math.sqrt((0.75 * 0.25 + 1 * (q1 - 0.5625) + 2 * (q2 - 0.5625)) / 6);
    expect(a.lo).toBeCloseTo(0.75 - 1.96 * se, 12);
    expect(a.hi).toBe(1); // clipped
    expect(aucOf([], [1]).auc).toBeNaN();
  });

  it('outcomes, and one AUC per early min / max on runs of both outcomes, strongest first', () => {
    expect(outcomeOf({ converged: true, reason: '' }, 8)).toBe('converged');
    expect(outcomeOf({ converged: false, reason: 'training diverged at step 9', covered: undefined }, 8)).toBe('diverged or collapsed');
    expect(outcomeOf({ converged: false, reason: '5 of 8 modes', covered: 5 }, 8)).toBe('diverged or collapsed');
    expect(outcomeOf({ converged: false, reason: 'HQ 50.0% < 80%', covered: 8 }, 8)).toBe('neither');
    const early = (v: number) => ({ 'stab/critic/sharpness_ratio': { min: v / 2, max: v } });
    const aucs = earlyWarningAucs([
      { outcome: 'diverged or collapsed', early: early(9) },
      { outcome: 'diverged or collapsed', early: early(7) },
      { outcome: 'converged', early: early(1) },
      { outcome: 'converged', early: early(2) },
      { outcome: 'neither', early: early(100) },
      { outcome: 'converged' },
    ]);
    expect(aucs.map((a) => [a.figure, a.auc, a.bad, a.good])).toEqual([
      ['max stab/critic/sharpness_ratio', 1, 2, 2],
      ['min stab/critic/sharpness_ratio', 1, 2, 2],
    ]);
  });
});
