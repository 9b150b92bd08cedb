/**
 * Decides from a step's metrics whether training diverged: a NaN / Inf metric, or a loss that
 * jumped above `factor` times the median of its recent values (after a warm-up). Plain numbers,
 * no tensors.
 */

export interface BlowUpOptions {
  /** Metrics to watch (non-negative losses such as MSE or cross-entropy; magnitudes are compared). */
  keys: readonly string[];
  /** Flag a value above factor x the median of the window (default 10). */
  factor?: number;
  /** Values a key must have seen before it can be flagged (default 20). */
  warmup?: number;
  /** How many recent values the median is taken over (default 50). */
  window?: number;
}

export interface DetectorOptions {
  /** Metrics that must be finite (default: every metric of the step). */
  finiteKeys?: readonly string[];
  /** Loss blow-up test; off when absent. */
  blowUp?: BlowUpOptions;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export class DivergenceDetector {
  private readonly history = new Map<string, number[]>();
  private readonly blowUp?: Required<BlowUpOptions>;

  constructor(private readonly options: DetectorOptions = {}) {
    if (options.blowUp) {
      const { keys, factor = 10, warmup = 20, window = 50 } = options.blowUp;
      if (!(factor > 1)) throw new Error(`DivergenceDetector: blowUp.factor must be > 1, got ${factor}`);
      if (!Number.isInteger(warmup) || !Number.isInteger(window) || warmup < 1 || window < warmup) {
        throw new Error(`DivergenceDetector: need integers 1 <= blowUp.warmup <= blowUp.window, got warmup ${warmup}, window ${window}`);
      }
      this.blowUp = { keys, factor, warmup, window };
    }
  }

  /**
   * The reason the step counts as diverged, or undefined. Values that pass enter the history;
   * a flagged value does not, so the baseline stays that of the healthy steps.
   */
  check(metrics: Readonly<Record<string, number>>): string | undefined {
    for (const key of this.options.finiteKeys ?? Object.keys(metrics)) {
      if (key in metrics && !Number.isFinite(metrics[key])) return `${key} is ${metrics[key]}`;
    }
    if (!this.blowUp) return undefined;
    const { keys, factor, warmup, window } = this.blowUp;
    for (const key of keys) {
      if (!(key in metrics)) continue;
      const h = this.history.get(key) ?? [];
      const value = Math.abs(metrics[key]);
      const m = h.length >= warmup ? median(h) : Number.NaN;
      if (value > factor * m) return `${key} = ${metrics[key]} > ${factor} x median ${m} of the last ${h.length} steps`;
    }
    for (const key of keys) {
      if (!(key in metrics)) continue;
      const h = this.history.get(key) ?? [];
      h.push(Math.abs(metrics[key]));
      if (h.length > window) h.shift();
      this.history.set(key, h);
    }
    return undefined;
  }

  /** Forgets the loss history (warm-up starts again). */
  reset(): void {
    this.history.clear();
  }
}
