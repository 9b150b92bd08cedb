/**
 * Repeated timings of the step benches: every configuration runs in `n` separate processes,
 * rounds interleaved (config A, B, C, A, B, C, ...) so a slow spell of the shared machine hits all
 * alike. A configuration's figure is the mean of its per-process medians with a 95% t interval;
 * two configurations compare by the ratio of their geometric means, with Welch's interval on the
 * log scale, and a ratio whose interval holds 1 is called within noise.
 */
import { summarise, welch95 } from '@stablegen/launcher';
import { fmt } from './markdown.js';

/** One configuration's per-process medians, summarised. */
export interface Repeated {
  /** ms/step medians, one per process */
  medians: number[];
  n: number;
  mean: number;
  /** half-width of the 95% interval of the mean (NaN for one process) */
  ci95: number;
  /** mean CPU time / wall time over the processes (2 = both cores busy) */
  cpuPerWall: number;
}

export function repeated(medians: number[], cpuMedians: number[]): Repeated {
  const s = summarise(medians);
  const cpuPerWall = summarise(cpuMedians.map((c, i) => c / medians[i])).mean;
  return { medians, n: s.n, mean: s.mean, ci95: s.ci95, cpuPerWall };
}

export interface Ratio {
  /** geometric mean of a / geometric mean of b */
  ratio: number;
  lo: number;
  hi: number;
  /** 'within noise' when [lo, hi] holds 1 (or there is no interval), else which side */
  verdict: 'within noise' | 'faster' | 'slower';
}

/** a relative to b (a's time / b's time): < 1 means a is faster. */
export function ratioOf(a: readonly number[], b: readonly number[]): Ratio {
  const d = welch95(a.map(Math.log), b.map(Math.log));
  const [ratio, lo, hi] = [Math.exp(d.diff), Math.exp(d.diff - d.ci95), Math.exp(d.diff + d.ci95)];
  const verdict = !(hi < 1 || lo > 1) ? 'within noise' : hi < 1 ? 'faster' : 'slower';
  return { ratio, lo, hi, verdict };
}

/** "295.0 ± 12.3 (1.72)": mean ± interval, CPU / wall in brackets; the interval is left out for one process. */
export function repeatedCell(r?: Repeated): string {
  if (!r || r.n === 0) return '-';
  const ci = Number.isFinite(r.ci95) ? ` ± ${fmt(r.ci95)}` : '';
  return `${fmt(r.mean)}${ci} (${fmt(r.cpuPerWall, 2)})`;
}

/** "2.85x [2.61, 3.11]". */
export const ratioCell = (r: Ratio) => (Number.isFinite(r.lo) ? `${fmt(r.ratio, 2)}x [${fmt(r.lo, 2)}, ${fmt(r.hi, 2)}]` : `${fmt(r.ratio, 2)}x`);
