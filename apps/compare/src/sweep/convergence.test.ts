import { describe, expect, it } from 'vitest';
import { CONVERGENCE, finalScores, judgeRun, type MetricsLine } from './convergence.js';

const losses = ['loss/d', 'loss/g'];
const run = (final: Partial<MetricsLine>, extra: MetricsLine[] = []): MetricsLine[] => [
  { step: 20, 'loss/d': 1.2, 'loss/g': 0.8 },
  ...extra,
  { step: 40, 'loss/d': 1.3, 'loss/g': 0.7, modes: 8, hq_share: 0.2, reverse_kl: 0.01, ...final },
];

/** Reverse KL of a histogram over 8 modes against uniform: sum p log(8 p). */
const reverseKl = (counts: number[]) => {
  const n = counts.reduce((s, c) => s + c, 0);
  return counts.reduce((s, c) => (c === 0 ? s : s + (c / n) * Math.log((8 * c) / n)), 0);
};

describe('judgeRun', () => {
  it('basic: all 8 modes, near-uniform mass, finite losses -> converged', () => {
    expect(judgeRun(run({}), losses)).toEqual({ converged: true, reason: '', final: { modes: 8, hq_share: 0.2, reverse_kl: 0.01 } });
    expect(judgeRun(run({ modes: 7, reverse_kl: 0.1 }), losses).converged).toBe(true); // both bounds inclusive
  });

  it('the reverse-KL bound separates "one mode lost" from "all modes, uneven mass"', () => {
    const oneLost = reverseKl([1, 1, 1, 1, 1, 1, 1, 0]); // log(8/7) = 0.1335
    expect(oneLost).toBeCloseTo(Math.log(8 / 7), 12);
    expect(oneLost).toBeGreaterThan(CONVERGENCE.maxReverseKl);
    expect(reverseKl([2, 1, 1, 1, 1, 1, 1, 1])).toBeLessThan(CONVERGENCE.maxReverseKl); // 0.0347: one mode twice as heavy
    expect(judgeRun(run({ reverse_kl: oneLost }), losses)).toMatchObject({ converged: false, reason: 'reverse KL 0.134 > 0.1' });
  });

  it('too few modes, no evaluation, a process failure', () => {
    expect(judgeRun(run({ modes: 6 }), losses)).toMatchObject({ converged: false, reason: '6 modes < 7' });
    expect(judgeRun([{ step: 20, 'loss/d': 1, 'loss/g': 1 }], losses)).toEqual({ converged: false, reason: 'no evaluation logged' });
    expect(judgeRun(run({}), losses, 'training diverged at step 40: loss/d is NaN')).toMatchObject({ converged: false, reason: 'training diverged at step 40: loss/d is NaN' });
  });

  it('a non-finite loss anywhere (null = NaN in JSON) fails, whatever the final scores', () => {
    expect(judgeRun(run({}, [{ step: 30, 'loss/d': null, 'loss/g': 0.5 }]), losses)).toMatchObject({ converged: false, reason: 'loss/d not finite at step 30' });
    expect(judgeRun(run({ 'loss/g': Infinity }), losses).reason).toBe('loss/g not finite at step 40');
    expect(judgeRun(run({}, [{ step: 30, other: null }]), losses).converged).toBe(true); // only the family's keys count
  });

  it('finalScores reads the last evaluation, not the last line', () => {
    const lines = [...run({ modes: 5 }), { step: 60, 'loss/d': 1, 'loss/g': 1 }];
    expect(finalScores(lines)).toEqual({ modes: 5, hq_share: 0.2, reverse_kl: 0.01 });
  });
});
