/**
 * Float64 references for the tests (not part of the build): exact singular values from ml-matrix's
 * SVD (Golub-Kahan, an implementation independent of this lib) and plain-JS loops for one power
 * step, dense and conv layers. Matrices are row-major number[] with explicit [rows, cols].
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface TopSingular {
  /** Largest and second singular values. */
  sigma1: number;
  sigma2: number;
  /** Top right singular vector [n]. */
  v1: number[];
}

/** Exact top singular values / vector of W [m, n] (float64 SVD). */
export function topSingular(w: ArrayLike<number>, m: number, n: number): TopSingular {
  const mat = new Matrix(Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => w[i * n + j])));
  const svd = new SingularValueDecomposition(mat, { autoTranspose: true });
  const order = svd.diagonal.map((s, i) => [s, i]).sort((a, b) => b[0] - a[0]);
  const v1 = svd.rightSingularVectors.getColumn(order[0][1]);
  return { sigma1: order[0][0], sigma2: order[1]?.[0] ?? 0, v1 };
}

const unit = (x: number[]) => {
  const r = Math.hypot(...x);
  return x.map((a) => a / r);
};

/** x [r, k] times y [k, c] -> [r, c]. */
export function matMul(x: ArrayLike<number>, y: ArrayLike<number>, r: number, k: number, c: number): number[] {
  const out = new Array<number>(r * c).fill(0);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) for (let t = 0; t < k; t++) out[i * c + j] += x[i * k + t] * y[t * c + j];
  return out;
}

/** One step of Miyato et al. Algorithm 1 on W [m, n] from u [n]: v, the new u, sigma = v W u^T. */
export function powerStep(w: ArrayLike<number>, m: number, n: number, u: ArrayLike<number>) {
  const v = unit(Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => u[j] * w[i * n + j]).reduce((a, b) => a + b, 0)));
  const u1 = unit(Array.from({ length: n }, (_, j) => v.reduce((s, vi, i) => s + vi * w[i * n + j], 0)));
  const sigma = v.reduce((s, vi, i) => s + vi * u1.reduce((t, uj, j) => t + w[i * n + j] * uj, 0), 0);
  return { v, u: u1, sigma };
}

/** TF 'same' / 'valid' padding: output size and pad before, for one spatial axis. */
function axis(size: number, k: number, s: number, padding: 'same' | 'valid') {
  if (padding === 'valid') return { out: Math.ceil((size - k + 1) / s), before: 0 };
  const out = Math.ceil(size / s);
  return { out, before: Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) };
}

/** conv2d of x [b, h, w, cin] with K [kh, kw, cin, cout] (TF semantics: cross-correlation). */
export function conv2d(x: ArrayLike<number>, xs: number[], k: ArrayLike<number>, ks: number[], strides: [number, number], padding: 'same' | 'valid') {
  const [b, h, w, cin] = xs;
  const [kh, kw, , cout] = ks;
  const ay = axis(h, kh, strides[0], padding);
  const ax = axis(w, kw, strides[1], padding);
  const out = new Array<number>(b * ay.out * ax.out * cout).fill(0);
  for (let n = 0; n < b; n++)
    for (let oy = 0; oy < ay.out; oy++)
      for (let ox = 0; ox < ax.out; ox++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const y = oy * strides[0] + i - ay.before;
            const xx = ox * strides[1] + j - ax.before;
            if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
            for (let c = 0; c < cin; c++)
              for (let o = 0; o < cout; o++)
                out[((n * ay.out + oy) * ax.out + ox) * cout + o] += x[((n * h + y) * w + xx) * cin + c] * k[((i * kw + j) * cin + c) * cout + o];
          }
  return { out, shape: [b, ay.out, ax.out, cout] };
}
