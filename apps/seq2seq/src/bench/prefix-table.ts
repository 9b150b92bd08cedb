/**
 * The bench's exposure-bias table (He et al. 2021): per prefix length and variant, continuation
 * token accuracy from the true and from the model's own prefix (mean ± 95% interval over seeds),
 * their gap, and each scheduled variant's gap minus the teacher-forced one's, paired by seed.
 */
import { type RunRecord, summarise } from '@stablegen/launcher';

/** Percentage points, mean ± 95% interval ('–' when no run has the figure, the mean alone for one run). */
const pts = (values: number[]) => {
  const s = summarise(values.map((v) => 100 * v));
  if (s.n === 0) return '–';
  return s.n === 1 ? s.mean.toFixed(2) : `${s.mean.toFixed(2)} ± ${s.ci95.toFixed(2)}`;
};

/** Prefix lengths found in the records' final metrics (keys test/prefixNN/gt_acc), ascending. */
export function prefixLengthsIn(records: RunRecord[]): string[] {
  const keys = new Set(records.flatMap((r) => Object.keys(r.final)).flatMap((k) => /^test\/prefix(\d+)\/gt_acc$/.exec(k)?.[1] ?? []));
  return [...keys].sort((a, b) => Number(a) - Number(b));
}

/** One markdown block (heading, text, table: a row per prefix and variant); `names[0]` is the teacher-forced baseline. */
export function prefixTable(names: string[], records: RunRecord[]): string[] {
  const prefixes = prefixLengthsIn(records);
  if (prefixes.length === 0) return [];
  const seeds = [...new Set(records.map((r) => r.seed))].sort((a, b) => a - b);
  const at = (name: string, seed: number, key: string) => records.find((r) => r.group === name && r.seed === seed)?.final[key] ?? Number.NaN;
  const values = (name: string, key: string) => seeds.map((s) => at(name, s, key));
  const lines = [
    '',
    '### Continuations from the true and from the own prefix (He et al. 2021)',
    '',
    `Test pairs of each run decoded greedily after the first L target characters, taken from the truth or from the model's own free-running output; token accuracy over the positions after the prefix (%), mean ± 95% interval over ${seeds.length} seeds. Gap = true minus own: what the model's own history costs it. "Slipped rows" are those whose own prefix has a wrong character; their gap shows whether the model recovers.`,
    '',
    `| L | variant | from true prefix | from own prefix | gap (points) | gap minus ${names[0]}'s, paired | own prefix slipped (% rows) | gap on slipped rows |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const l of prefixes) {
    const key = (m: string) => `test/prefix${l}/${m}`;
    for (const name of names) {
      const gap = values(name, key('gap'));
      const base = values(names[0], key('gap'));
      const paired = name === names[0] ? '' : pts(gap.map((g, i) => g - base[i]));
      const slipGap = seeds.map((s) => at(name, s, key('slip_gt_acc')) - at(name, s, key('slip_own_acc')));
      lines.push(`| ${Number(l)} | ${name} | ${pts(values(name, key('gt_acc')))} | ${pts(values(name, key('own_acc')))} | ${pts(gap)} | ${paired} | ${pts(values(name, key('slip_share')))} | ${pts(slipGap)} |`);
    }
  }
  return [lines.join('\n')];
}
