/** Sorting metric keys into the figures of a report: losses, quality, stability diagnostics, other. */

export type MetricGroup = 'losses' | 'quality' | 'stability' | 'other';

/** Group order in reports, with figure titles. */
export const METRIC_GROUPS: readonly { group: MetricGroup; title: string }[] = [
  { group: 'losses', title: 'Losses' },
  { group: 'quality', title: 'Quality metrics' },
  { group: 'stability', title: 'Stability diagnostics' },
  { group: 'other', title: 'Other logged values' },
];

// Matched against the tokens of a key split on / _ . - and spaces, lower-cased.
const LOSS = /^(loss|losses|penalty|gp|r1|r2|drift)$|loss$/;
const QUALITY =
  /^(fd|fid|frechet|coverage|covered|cov|acc|accuracy|kl|hq|quality|modes|bleu|ppl|perplexity|precision|recall|confident|exact)$|^fd/;
const STABILITY =
  /^(grad|grads|gradnorm|norm|cos|cosine|hessian|eig|eigen|eigenvalue|sigma|sn|lr|alpha|tf|teacher|nan|diverged|rollback|rollbacks|lambda|ema|scale)$|^grad/;

/** The group of a metric key, e.g. 'loss/d' -> losses, 'fd_mnist' -> quality, 'grad_norm/g' -> stability. */
export function classifyMetric(key: string): MetricGroup {
  const tokens = key.toLowerCase().split(/[/_.\-\s]+/).filter((t) => t.length > 0);
  if (tokens[0] === 'stab' || tokens.includes('sharpness')) return 'stability'; // @stablegen/stability's stabilityMonitor
  if (tokens.some((t) => LOSS.test(t))) return 'losses';
  if (tokens.some((t) => QUALITY.test(t))) return 'quality';
  if (tokens.some((t) => STABILITY.test(t))) return 'stability';
  return 'other';
}

/** Keys grouped in report order; empty groups are left out; keys keep their given order. */
export function groupMetrics(
  keys: readonly string[],
  classify: (key: string) => MetricGroup = classifyMetric,
): { group: MetricGroup; title: string; keys: string[] }[] {
  return METRIC_GROUPS.map(({ group, title }) => ({ group, title, keys: keys.filter((k) => classify(k) === group) })).filter(
    (g) => g.keys.length > 0,
  );
}
