import { describe, expect, it } from 'vitest';
import { expandStudy } from './grid.js';
import { recipeNamed } from './recipes.js';
import { isDuplicate, unchangedRuns } from './unchanged-runs.js';
import { studyMarkdown } from './report.js';
import { STUDY_DATASETS } from './datasets.js';

const [preset, guard] = [recipeNamed('wgan-gp (preset)')!, recipeNamed('wgan-gp (preset) + guard')!];

describe('unchanged runs', () => {
  // seeds 1, 2 x multipliers 1, 2 of both recipes: seed by seed, preset first
  const runs = expandStudy([preset, guard].map((r) => ({ ...r, lrD: 3e-3, lrG: 1e-3 })), [1, 2], [1, 2], 100);
  const done = (final: Record<string, number>) => ({ status: 'done' as const, final });

  it('counts the pairs of the same seed and step size whose final metrics are all equal', () => {
    const records = runs.map((r) => {
      if (r.recipe === preset.name) return done({ hq: r.seed + r.multiplier, kl: Number.NaN });
      if (r.seed === 2 && r.multiplier === 2) return done({ hq: 4.5, kl: Number.NaN }); // the guard changed this one
      if (r.seed === 1 && r.multiplier === 2) return undefined; // not trained yet
      return done({ hq: r.seed + r.multiplier, kl: Number.NaN }); // NaN equals NaN
    });
    const [u] = unchangedRuns(runs, records, [preset, guard]);
    expect(u).toEqual({ stabiliser: 'divergence guard', recipe: guard.name, baseline: preset.name, pairs: 3, identical: 2, duplicates: [{ seed: 1, multiplier: 1 }, { seed: 2, multiplier: 1 }] });
    expect([isDuplicate([u], { recipe: guard.name, seed: 2, multiplier: 1 }), isDuplicate([u], { recipe: guard.name, seed: 2, multiplier: 2 }), isDuplicate([u], { recipe: preset.name, seed: 1, multiplier: 1 })]).toEqual([true, false, false]);
    // a key only one side has is a difference
    const extra = runs.map((r) => done(r.recipe === guard.name ? { hq: 1, extra: 0 } : { hq: 1 }));
    expect(unchangedRuns(runs, extra, [preset, guard])[0].identical).toBe(0);
    // a failed baseline run is no pair
    expect(unchangedRuns(runs, runs.map((r) => (r.recipe === preset.name ? { status: 'failed' as const, final: {} } : done({ hq: 1 }))), [preset, guard])).toEqual([]);
  });

  it('the report says how many runs the stabiliser left unchanged', () => {
    const meta = { command: 'c', dataset: 'ring8' as const, steps: 100, seeds: [1, 2], multipliers: [1, 2], planned: 8, finished: 8, wallMinutes: 1, runMinutes: 1, loadStart: [0], loadEnd: [0], jobs: 1, figures: { heatmap: 'h.png', ranges: 'r.png' } };
    const unchanged = { stabiliser: 'divergence guard', recipe: guard.name, baseline: preset.name, pairs: 4, identical: 3, duplicates: [] };
    const effects = [{ stabiliser: 'divergence guard', recipe: guard.name, baseline: preset.name, paired: false, observed: { range: 0, baselineRange: 0, area: 0, baselineArea: 0 }, rangeDiff: { median: 0, lo: 0, hi: 0 }, areaDiff: { median: 0, lo: -0.1, hi: 0.1 }, pWider: 0.5, verdict: 'within noise' as const }];
    const md = studyMarkdown([], [], [], STUDY_DATASETS.ring8, meta, [], { posteriors: [], effects, unchanged: [unchanged] });
    expect(md).toContain('divergence guard: 3 of 4 runs of wgan-gp (preset) + guard ended with exactly the final metrics of the wgan-gp (preset) run of the same seed and step size');
    expect(md).toContain('any difference in the table comes from the other 1.');
    const all = studyMarkdown([], [], [], STUDY_DATASETS.ring8, meta, [], { posteriors: [], effects, unchanged: [{ ...unchanged, identical: 4 }] });
    expect(all).toContain('4 of 4 runs of wgan-gp (preset) + guard ended with exactly the final metrics of the wgan-gp (preset) run of the same seed and step size: it never changed training');
    expect(studyMarkdown([], [], [], STUDY_DATASETS.ring8, meta, [], { posteriors: [], effects, unchanged: [{ ...unchanged, identical: 0 }] })).not.toContain('ended with exactly');
  });
});
