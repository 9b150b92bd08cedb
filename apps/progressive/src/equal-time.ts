/**
 * The progressive bench at equal training time: every arm read at t*, the mean final training
 * time of the fastest arm, so an arm that is cheaper per image is credited with what it reaches
 * in the time the others need for fewer images. Each run's metric at t* is interpolated linearly
 * in time between its two evaluations around t* (its last value once it has finished).
 */
import { summarise, welch95, type Difference, type Summary } from '@stablegen/launcher';
import type { CurvePoint } from './bench-curves.js';

export type CurveKey = 'fd_mnist' | 'confident_share';

/** A run's `key` at `t` seconds: linear between the evaluations around t; NaN before its first. */
export function valueAtTime(points: readonly CurvePoint[], key: CurveKey, t: number): number {
  const sorted = [...points].sort((a, b) => a.seconds - b.seconds);
  if (sorted.length === 0 || t < sorted[0].seconds) return Number.NaN;
  const after = sorted.findIndex((p) => p.seconds >= t);
  if (after === -1) return sorted[sorted.length - 1][key];
  const [a, b] = [sorted[Math.max(0, after - 1)], sorted[after]];
  if (b.seconds === a.seconds) return b[key];
  return a[key] + ((b[key] - a[key]) * (t - a.seconds)) / (b.seconds - a.seconds);
}

export interface EqualTimeRow {
  arm: string;
  /** seconds of training at which every arm is read */
  seconds: number;
  /** per key: the runs' values at t*, and the difference from the reference arm (Welch 95%) */
  values: Record<CurveKey, Summary>;
  vsReference?: Record<CurveKey, Difference>;
}

function byRun(points: readonly CurvePoint[]): Map<string, CurvePoint[]> {
  const runs = new Map<string, CurvePoint[]>();
  for (const p of points) runs.set(p.id, [...(runs.get(p.id) ?? []), p]);
  return runs;
}

/** Every arm at t* = the smallest of the arms' mean final training times; differences against `reference` (an arm name). */
export function equalTimeRows(points: readonly CurvePoint[], arms: readonly string[], reference?: string): EqualTimeRow[] {
  const runsOf = (arm: string) => [...byRun(points.filter((p) => p.arm === arm)).values()];
  const finish = (run: readonly CurvePoint[]) => Math.max(...run.map((p) => p.seconds));
  const present = arms.filter((a) => runsOf(a).length > 0);
  if (present.length === 0) return [];
  const t = Math.min(...present.map((a) => summarise(runsOf(a).map(finish)).mean));
  const at = (arm: string, key: CurveKey) => runsOf(arm).map((run) => valueAtTime(run, key, t));
  const keys: CurveKey[] = ['fd_mnist', 'confident_share'];
  return present.map((arm) => ({
    arm,
    seconds: t,
    values: Object.fromEntries(keys.map((k) => [k, summarise(at(arm, k))])) as Record<CurveKey, Summary>,
    ...(reference && arm !== reference && present.includes(reference)
      ? { vsReference: Object.fromEntries(keys.map((k) => [k, welch95(at(arm, k), at(reference, k))])) as Record<CurveKey, Difference> }
      : {}),
  }));
}

const pm = (value: number, ci: number, digits: number) => `${value.toFixed(digits)}${Number.isFinite(ci) ? ` ± ${ci.toFixed(digits)}` : ''}`;

/** The equal-time table in markdown (mean ± 95% interval over seeds; differences against the reference arm). */
export function equalTimeMarkdown(rows: readonly EqualTimeRow[], reference?: string): string {
  if (rows.length === 0) return '';
  const ref = reference ?? '';
  const lines = [
    `### At equal training time: every arm at ${rows[0].seconds.toFixed(0)} s (the fastest arm's mean finish)`,
    '',
    `Each run's metrics interpolated linearly in time between its evaluations; mean ± 95% interval over seeds${ref ? `; "vs ${ref}": the difference of means with Welch's 95% interval (within noise when it spans 0)` : ''}.`,
    '',
    `| arm | runs | FD-MNIST | confident share |${ref ? ` FD-MNIST vs ${ref} | confident share vs ${ref} |` : ''}`,
    `| --- | ---: | ---: | ---: |${ref ? ' ---: | ---: |' : ''}`,
  ];
  for (const r of rows) {
    const d = r.vsReference;
    const diffs = ref ? (d ? ` ${pm(d.fd_mnist.diff, d.fd_mnist.ci95, 1)} | ${pm(d.confident_share.diff, d.confident_share.ci95, 3)} |` : ' - | - |') : '';
    lines.push(`| ${r.arm} | ${r.values.fd_mnist.n} | ${pm(r.values.fd_mnist.mean, r.values.fd_mnist.ci95, 1)} | ${pm(r.values.confident_share.mean, r.values.confident_share.ci95, 3)} |${diffs}`);
  }
  return lines.join('\n');
}
