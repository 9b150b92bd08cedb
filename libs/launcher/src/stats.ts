/** Mean, spread and a 95% confidence interval of the mean (Student's t, n - 1 degrees of freedom). */

/**
 * A(t | df) = P(|T| <= t) for Student's t with integer df, in closed form (Abramowitz & Stegun
 * 26.7.3-4): with theta = atan(t / sqrt(df)), a finite series in cos(theta).
 */
function studentCentralProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const sin = Math.sin(theta);
  if (df % 2 === 1) {
    // (2 / pi) [theta + sin cos (1 + (2/3) cos^2 + (2 4)/(3 5) cos^4 + ... up to cos^(df-3))]
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 2; k <= df - 3; k += 2) sum += (term *= (k / (k + 1)) * c2);
    return (2 / Math.PI) * (theta + sin * Math.cos(theta) * sum);
  }
  // sin [1 + (1/2) cos^2 + (1 3)/(2 4) cos^4 + ... up to cos^(df-2)]
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= df - 3; k += 2) sum += (term *= (k / (k + 1)) * c2);
  return sin * sum;
}

/** t_{0.975, df}: the two-sided 95% point of Student's t (df a positive integer), by bisection on the exact CDF. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) return Number.NaN;
  let lo = 0;
  let hi = 64;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (studentCentralProbability(mid, df) < 0.95) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  std: number;
  /** Half-width of the 95% interval of the mean: t x std / sqrt(n) (NaN for one value). */
  ci95: number;
  min: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, std: Number.NaN, ci95: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const std = n > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  return { n, mean, std, ci95: n > 1 ? (tQuantile975(n - 1) * std) / Math.sqrt(n) : Number.NaN, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Wilson's 95% interval of a proportion k / n (Wilson 1927), [lo, hi]. */
export function wilson95(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface Difference {
  /** mean(a) - mean(b) */
  diff: number;
  /** Half-width of its 95% interval (Welch's t with Welch-Satterthwaite degrees of freedom, rounded down). */
  ci95: number;
  df: number;
}

/** Difference of two means with Welch's 95% interval (unequal variances; each sample needs 2+ values, else NaN). */
export function welch95(a: readonly number[], b: readonly number[]): Difference {
  const [sa, sb] = [summarise(a), summarise(b)];
  const [va, vb] = [sa.std ** 2 / sa.n, sb.std ** 2 / sb.n];
  const diff = sa.mean - sb.mean;
  if (!(sa.n > 1 && sb.n > 1)) return { diff, ci95: Number.NaN, df: Number.NaN };
  if (va + vb === 0) return { diff, ci95: 0, df: sa.n + sb.n - 2 };
  const df = Math.max(1, Math.floor((va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1))));
  return { diff, ci95: tQuantile975(df) * Math.sqrt(va + vb), df };
}
