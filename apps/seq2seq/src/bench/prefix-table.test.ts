import type { RunRecord } from '@stablegen/launcher';
import { describe, expect, it } from 'vitest';
import { prefixLengthsIn, prefixTable } from './prefix-table.js';

/** A done run whose final metrics hold one prefix length's figures. */
function record(group: string, seed: number, l: string, gt: number, own: number, slip: [number, number, number]): RunRecord {
  const k = (m: string) => `test/prefix${l}/${m}`;
  const final = { [k('gt_acc')]: gt, [k('own_acc')]: own, [k('gap')]: gt - own, [k('slip_share')]: slip[0], [k('slip_gt_acc')]: slip[1], [k('slip_own_acc')]: slip[2] };
  return { id: `${group}-${seed}`, family: 'seq2seq', group, seed, flags: [], status: 'done', final, trainSeconds: 1, stepsPerSecond: 1, wallSeconds: 1 } as unknown as RunRecord;
}

describe('prefixTable', () => {
  const first = record('teacher-forced', 1, '05', 0.9, 0.8, [0.2, 0.9, 0.5]);
  Object.assign(first.final, record('teacher-forced', 1, '10', 1, 1, [0, 0, 0]).final); // one seed has L = 10 as well
  const records = [
    first,
    record('teacher-forced', 2, '05', 0.9, 0.7, [0.4, 0.8, 0.6]),
    record('scheduled-linear', 1, '05', 0.9, 0.85, [0.1, 0.9, 0.7]),
    record('scheduled-linear', 2, '05', 0.8, 0.75, [0.3, 0.8, 0.8]),
  ];

  it('finds the prefix lengths in the final metrics, ascending', () => {
    expect(prefixLengthsIn(records)).toEqual(['05', '10']);
    expect(prefixTable(['teacher-forced'], [])).toEqual([]);
    // one seed at L = 10: means alone; nothing slipped there in the other variant's (absent) runs
    const lines = prefixTable(['teacher-forced', 'scheduled-linear'], records)[0].split('\n');
    expect(lines.find((l) => l.startsWith('| 10 | teacher-forced'))).toBe('| 10 | teacher-forced | 100.00 | 100.00 | 0.00 |  | 0.00 | 0.00 |');
    expect(lines.find((l) => l.startsWith('| 10 | scheduled-linear'))).toBe('| 10 | scheduled-linear | – | – | – | – | – | – |');
  });

  it('means ± t intervals over seeds, and the gap paired by seed against the teacher-forced one', () => {
    const rows = prefixTable(['teacher-forced', 'scheduled-linear'], records)[0].split('\n').filter((l) => l.startsWith('| 5 |'));
    // teacher-forced gaps 10 and 20 points: mean 15, sd 7.071, t(1) = 12.706 -> +-63.53
    expect(rows[0]).toBe('| 5 | teacher-forced | 90.00 ± 0.00 | 75.00 ± 63.53 | 15.00 ± 63.53 |  | 30.00 ± 127.06 | 30.00 ± 127.06 |');
    // scheduled gaps 5 and 5: minus 10 and 20 = -5 and -15 -> -10 ± 63.53; slipped-row gaps 20 and 0
    expect(rows[1]).toBe('| 5 | scheduled-linear | 85.00 ± 63.53 | 80.00 ± 63.53 | 5.00 ± 0.00 | -10.00 ± 63.53 | 20.00 ± 127.06 | 10.00 ± 127.06 |');
  });
});
