/** The submitter's one progress line: done / running / failed of the total, and an ETA from the mean time per finished run. */
import { formatEta } from '@stablegen/trainer';

export interface LaunchProgress {
  total: number;
  done: number;
  running: number;
  failed: number;
  /** Runs reused from the results file or the store (counted in done). */
  reused: number;
}

export function progressLine(p: LaunchProgress, elapsedSeconds: number, workers: number): string {
  const trained = p.done + p.failed - p.reused;
  const left = p.total - p.done - p.failed;
  const eta = trained > 0 ? formatEta((elapsedSeconds / trained) * left) : '-';
  return `runs: ${p.done} done (${p.reused} reused), ${p.running} running, ${p.failed} failed of ${p.total}; eta ${eta} at ${workers} at a time`;
}
