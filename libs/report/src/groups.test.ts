import { describe, expect, it } from 'vitest';
import { classifyMetric, groupMetrics } from './groups.js';

describe('classifyMetric', () => {
  it('basic: key names used by the trainers land in their group', () => {
    const cases: [string, string][] = [
      ['loss/d', 'losses'],
      ['g_loss', 'losses'],
      ['loss/gp', 'losses'],
      ['penalty/r1', 'losses'],
      ['fd_mnist', 'quality'],
      ['mode_coverage', 'quality'],
      ['seq_accuracy', 'quality'],
      ['reverse_kl', 'quality'],
      ['grad_norm/d', 'stability'],
      ['stab/critic/sharpness_ratio', 'stability'],
      ['stab/g/grad_norm/dense_loss_head', 'stability'],
      ['sharpness', 'stability'],
      ['gradnorm', 'stability'],
      ['grad_cos', 'stability'],
      ['hessian_top_eig', 'stability'],
      ['sn/sigma', 'stability'],
      ['lr/g', 'stability'],
      ['teacher_forcing', 'stability'],
      ['images_seen', 'other'],
      ['dloss', 'losses'],
    ];
    for (const [key, group] of cases) expect([key, classifyMetric(key)]).toEqual([key, group]);
  });

  it('groupMetrics: report order, empty groups left out, key order kept', () => {
    expect(groupMetrics(['fd', 'loss/g', 'x', 'loss/d'])).toEqual([
      { group: 'losses', title: 'Losses', keys: ['loss/g', 'loss/d'] },
      { group: 'quality', title: 'Quality metrics', keys: ['fd'] },
      { group: 'other', title: 'Other logged values', keys: ['x'] },
    ]);
  });
});
