import { describe, expect, it } from 'vitest';
import { benchSchema } from './bench-config.js';
import type { RunResult } from './run-variant.js';
import { resultsMarkdown } from './write-results.js';

const run = (variant: string, seed: number, exact: number, tf: number, free: number): RunResult => ({
  variant, seed, dir: `runs/x/${variant}-seed${seed}`, trainSeconds: 10, wallSeconds: 12,
  final: { 'test/exact_match': exact, 'test/exact_match_beam': exact, 'test/free_token_acc': free, 'test/tf_token_acc': tf, 'test/exposure_gap': tf - free },
});

describe('resultsMarkdown', () => {
  it('summarises each variant over seeds and pairs the differences by seed (values by hand)', () => {
    const results = [run('teacher-forced', 1, 0.8, 0.99, 0.97), run('scheduled-linear', 1, 0.84, 0.99, 0.985),
      run('teacher-forced', 2, 0.9, 0.99, 0.98), run('scheduled-linear', 2, 0.88, 0.99, 0.99)];
    const md = resultsMarkdown(benchSchema.parse({ seeds: 2 }), ['teacher-forced', 'scheduled-linear'], results, 'cmd', { start: [1, 2, 3], end: [4, 5, 6.5] });
    // teacher-forced exact: mean 85, sd sqrt(2 * 5^2 / 1) = 7.07; scheduled: mean 86, sd sqrt(2 * 2^2) = 2.83
    expect(md).toContain('| teacher-forced | 85.00 ± 7.07 (80.00–90.00) |');
    expect(md).toContain('| scheduled-linear | 86.00 ± 2.83 (84.00–88.00) |');
    // paired differences +4 and -2 points: mean 1, sd sqrt((9 + 9) / 1) = 4.24; ahead on seed 1 only
    expect(md).toContain('exact match 1.00 ± 4.24 points (ahead on 1 of 2 seeds)');
    expect(md).toContain('at the start 1.00 / 2.00 / 3.00, at the end 4.00 / 5.00 / 6.50');
  });
});
