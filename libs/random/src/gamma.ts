/**
 * Gamma, Beta and Dirichlet draws from a seeded `Rng`, for posterior simulation in reports (the
 * stability study's working-range intervals). Gamma by Marsaglia & Tsang (2000), "A simple method
 * for generating gamma variables"; shapes below 1 by their boost, G(a) = G(a + 1) * U^(1/a).
 */
import type { Rng } from './rng.js';

/** One draw of Gamma(shape, scale 1); shape > 0. */
export function gammaDraw(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new Error(`gammaDraw: shape must be a positive finite number, got ${shape}`);
  if (shape < 1) return gammaDraw(rng, shape + 1) * Math.pow(1 - rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.uniform(); // (0, 1]
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One draw of Dirichlet(alphas): a probability vector of the same length (each alpha > 0). */
export function dirichletDraw(rng: Rng, alphas: readonly number[]): number[] {
  const g = alphas.map((a) => gammaDraw(rng, a));
  const total = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / total);
}

/** One draw of Beta(a, b) (a, b > 0). */
export function betaDraw(rng: Rng, a: number, b: number): number {
  return dirichletDraw(rng, [a, b])[0];
}
