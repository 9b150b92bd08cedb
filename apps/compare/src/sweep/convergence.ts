/**
 * When a sweep run counts as converged. The data are the same for every family (ring8, judged by
 * the PacGAN protocol on 2,500 samples of a fixed latent batch), so the sample criterion is shared;
 * the family decides which of its logged losses must stay finite.
 *
 * Converged = the run finished, every line's `finiteKeys` are finite, and at the final evaluation
 * - modes >= 7 of 8 (a mode counts when at least one sample lies within 3 std of it), and
 * - reverse_kl <= 0.1 (the sample histogram over modes is near uniform: losing one of 8 modes
 *   entirely gives log(8/7) = 0.134, collapsing onto half of them log 2 = 0.69).
 * hq_share (samples within 3 std = 0.03 of a mode) is reported but not thresholded: at the sweep's
 * small budgets even well-spread runs are still sharpening (typically 0.01-0.3).
 */
export const CONVERGENCE = { minModes: 7, maxReverseKl: 0.1 } as const;

export interface FinalScores {
  modes: number;
  hq_share: number;
  reverse_kl: number;
}

export interface Verdict {
  converged: boolean;
  /** Why not (empty when converged). */
  reason: string;
  /** The final evaluation, when there was one. */
  final?: FinalScores;
}

/** A metrics.jsonl line as parsed (null where the writer stored NaN). */
export type MetricsLine = Record<string, number | null | undefined>;

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The last line that holds an evaluation (modes, hq_share, reverse_kl). */
export function finalScores(lines: readonly MetricsLine[]): FinalScores | undefined {
  const last = [...lines].reverse().find((l) => l.modes !== undefined);
  if (!last) return undefined;
  return { modes: Number(last.modes ?? NaN), hq_share: Number(last.hq_share ?? NaN), reverse_kl: Number(last.reverse_kl ?? NaN) };
}

/**
 * @param lines the run's metrics.jsonl, parsed
 * @param finiteKeys the family's losses that must be finite wherever logged
 * @param failure the run's error line when the process failed (e.g. "training diverged at step 40")
 */
export function judgeRun(lines: readonly MetricsLine[], finiteKeys: readonly string[], failure?: string): Verdict {
  const final = finalScores(lines);
  if (failure) return { converged: false, reason: failure, final };
  for (const line of lines) {
    const bad = finiteKeys.find((k) => k in line && !finite(line[k]));
    if (bad) return { converged: false, reason: `${bad} not finite at step ${line.step}`, final };
  }
  if (!final) return { converged: false, reason: 'no evaluation logged' };
  if (!(final.modes >= CONVERGENCE.minModes)) return { converged: false, reason: `${final.modes} modes < ${CONVERGENCE.minModes}`, final };
  if (!(final.reverse_kl <= CONVERGENCE.maxReverseKl)) {
    return { converged: false, reason: `reverse KL ${final.reverse_kl.toFixed(3)} > ${CONVERGENCE.maxReverseKl}`, final };
  }
  return { converged: true, reason: '', final };
}
