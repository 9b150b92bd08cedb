/**
 * Mode coverage on 2-D Gaussian mixtures, with the protocol of PacGAN (Lin et al. 2018, "PacGAN:
 * The power of two samples in generative adversarial networks", Table 1), so numbers sit beside
 * theirs: each sample is assigned to the nearest mode mean by d = sqrt(sum((x - mu)^2) / sigma^2);
 * it is high quality if d < 3; a mode is covered if at least one high-quality sample is assigned to
 * it; HQ share = high-quality samples / all samples; reverse KL = sum_k p_k log(p_k / (1/K)) over
 * the histogram p of assigned modes (all samples, zero bins skipped). The paper evaluates 2,500
 * samples: ring = 8 modes at (cos 2 pi i/8, sin 2 pi i/8), std 0.01; grid = 25 modes at
 * {-4,-2,0,2,4}^2, std 0.05.
 */
export interface ModeCoverage {
  modesCovered: number;
  /** Fraction of samples within 3 sigma of their nearest mode. */
  hqShare: number;
  reverseKl: number;
  /** Samples assigned to each mode. */
  counts: number[];
}

/**
 * @param samples [n, 2] row-major
 * @param means mode centres
 * @param sigma the mixture's per-coordinate standard deviation
 */
export function modeCoverage(samples: ArrayLike<number>, means: ReadonlyArray<readonly [number, number]>, sigma: number): ModeCoverage {
  const n = samples.length / 2;
  if (!Number.isInteger(n) || n === 0) throw new Error(`modeCoverage: samples must be a non-empty [n, 2] array, got ${samples.length} values`);
  const k = means.length;
  const counts = new Array<number>(k).fill(0);
  const hqCounts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    let best = 0;
    let bestD2 = Infinity;
    means.forEach(([mx, my], m) => {
      const d2 = (x - mx) ** 2 + (y - my) ** 2;
      if (d2 < bestD2) [best, bestD2] = [m, d2];
    });
    counts[best]++;
    if (Math.sqrt(bestD2 / sigma ** 2) < 3) hqCounts[best]++;
  }
  const hq = hqCounts.reduce((s, c) => s + c, 0);
  const reverseKl = counts.reduce((s, c) => (c === 0 ? s : s + (c / n) * Math.log((c / n) * k)), 0);
  return { modesCovered: hqCounts.filter((c) => c > 0).length, hqShare: hq / n, reverseKl, counts };
}
