/**
 * Identity warm-start of a progressive generator's new block (an option of `grow()`): the new
 * block's two 3x3 convolutions and its toRGB start so that toRGB_new(block(h)) equals
 * up(toRGB_old(h)) for every feature map h of the previous stage, so the grown network computes the
 * previous function at every alpha and training moves it away from there.
 *
 * Why it is exact, and why it needs widths[k] >= 2 widths[k - 1]: h (C channels per pixel) leaves
 * the previous block through pixel norm, so |h|^2 = C at every pixel. The first conv's centre tap
 * writes [Q h, -Q h] (Q: m x C with orthonormal columns, m = floor(width / 2) >= C), the rest of
 * the 3x3 taps are 0. LeakyReLU(a) - LeakyReLU(-a) = (1 + slope) a, and the energy of
 * [lrelu(Qh), lrelu(-Qh)] is (1 + slope^2) |h|^2, the same at every pixel, so pixel norm divides
 * by one constant s = sqrt((1 + slope^2) C / width). The second conv undoes both (h = Q^T (p - q) s
 * / (1 + slope)) and writes [Q2 h, -Q2 h] again (the same s after its pixel norm); toRGB_new reads
 * W_old h out of that. Q and Q2 are random, so every channel starts alive and distinct. With fewer
 * channels no linear read-out survives pixel norm's per-pixel division, hence the width rule.
 */
import type { Rng } from '@stablegen/random';

/** Effective (already scaled) weights, row-major as tfjs stores them. */
export interface IdentityGrowthWeights {
  /** [3, 3, cPrev, width] */
  conv1: Float32Array;
  /** [3, 3, width, width] */
  conv2: Float32Array;
  /** [1, 1, width, channels] */
  toRgb: Float32Array;
}

/** m x c matrix (row-major) with orthonormal columns, from Gaussian draws (Gram-Schmidt, twice for accuracy). */
export function orthonormalColumns(m: number, c: number, rng: Rng): Float64Array {
  if (m < c) throw new Error(`orthonormalColumns: ${c} orthonormal columns need at least ${c} rows, got ${m}`);
  const q = Float64Array.from({ length: m * c }, () => rng.normal());
  for (let j = 0; j < c; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i * c + j] * q[i * c + k];
        for (let i = 0; i < m; i++) q[i * c + j] -= dot * q[i * c + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * c + j] ** 2;
    for (let i = 0; i < m; i++) q[i * c + j] /= Math.sqrt(norm);
  }
  return q;
}

/** The first stage k > 0 narrower than twice stage k - 1 (identity growth cannot start there), or -1 when every stage at least doubles. */
export function firstNarrowStage(widths: readonly number[]): number {
  return widths.findIndex((w, k) => k > 0 && w < 2 * widths[k - 1]);
}

/**
 * @param oldToRgb effective kernel of the previous stage's toRGB, [1, 1, cPrev, channels] row-major
 * @param cPrev feature maps of the previous stage (its output is pixel-normed)
 * @param width feature maps of the new block, >= 2 cPrev
 * @param slope LeakyReLU's negative slope (0.2)
 * @param rng draws Q and Q2
 */
export function identityGrowthWeights(oldToRgb: Float32Array, cPrev: number, width: number, slope: number, rng: Rng): IdentityGrowthWeights {
  const m = Math.floor(width / 2);
  if (m < cPrev) {
    throw new Error(`identity warm-start needs the new block at least twice as wide as the previous one (${width} < 2 x ${cPrev}); use widths that double per stage, or grow without it`);
  }
  const channels = oldToRgb.length / cPrev;
  const q1 = orthonormalColumns(m, cPrev, rng); // [m, cPrev]
  const q2 = orthonormalColumns(m, cPrev, rng);
  const s = Math.sqrt(((1 + slope * slope) * cPrev) / width); // pixel norm's divisor after either conv
  const undo = s / (1 + slope); // h = undo * Q^T (p - q)
  const centre = 4; // tap (1, 1) of a 3x3 kernel
  const conv1 = new Float32Array(9 * cPrev * width);
  for (let i = 0; i < cPrev; i++) {
    for (let j = 0; j < m; j++) {
      conv1[(centre * cPrev + i) * width + j] = q1[j * cPrev + i];
      conv1[(centre * cPrev + i) * width + m + j] = -q1[j * cPrev + i];
    }
  }
  // conv2: input [p, q] -> output [Q2 h, -Q2 h] with h = undo Q1^T (p - q): the block M = undo Q2 Q1^T
  const conv2 = new Float32Array(9 * width * width);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      let v = 0;
      for (let c = 0; c < cPrev; c++) v += q2[j * cPrev + c] * q1[i * cPrev + c];
      v *= undo;
      const at = (input: number, output: number) => (centre * width + input) * width + output;
      conv2[at(i, j)] = v;
      conv2[at(m + i, j)] = -v;
      conv2[at(i, m + j)] = -v;
      conv2[at(m + i, m + j)] = v;
    }
  }
  // toRGB_new: W_old h = undo W_old Q2^T (p2 - q2)
  const toRgb = new Float32Array(width * channels);
  for (let i = 0; i < m; i++) {
    for (let o = 0; o < channels; o++) {
      let v = 0;
      for (let c = 0; c < cPrev; c++) v += oldToRgb[c * channels + o] * q2[i * cPrev + c];
      toRgb[i * channels + o] = undo * v;
      toRgb[(m + i) * channels + o] = -undo * v;
    }
  }
  return { conv1, conv2, toRgb };
}
