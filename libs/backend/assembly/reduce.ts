/**
 * Column sums for @stablegen/backend's wasm `Sum` kernel (a bias's gradient: dy [batch, h, w, c]
 * summed over every axis but the last), in tfjs-backend-wasm's memory (pointers are byte offsets):
 *   out[j] = (sum_r x[r, j]) / divisor  for j in [j0, j1),  x: [rows, cols] row-major float32
 * (divisor 1 for a sum, rows for a mean).
 * Four columns per vector, four vectors per pass down the rows. Rows are summed in blocks of
 * BLOCK: each block's sum starts from zero and is then added to the total, so a column of R
 * values carries rounding error of order (BLOCK + R / BLOCK) ulp rather than R.
 */

/** Rows per partial sum. */
const BLOCK = 256;

/** Sums `width` (1..16) columns starting at column j, vector by vector where 4 fit. */
@inline function sumPanel(x: usize, rows: i32, stride: usize, j: i32, width: i32, divisor: f32, out: usize): void {
  const d4 = f32x4.splat(divisor);
  const col = x + (<usize>j << 2);
  if (width == 16) {
    let t0 = f32x4.splat(0), t1 = f32x4.splat(0), t2 = f32x4.splat(0), t3 = f32x4.splat(0);
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = min(rows, r0 + BLOCK);
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let at = col + <usize>r0 * stride;
      for (let r = r0; r < r1; r++) {
        s0 = f32x4.add(s0, v128.load(at));
        s1 = f32x4.add(s1, v128.load(at, 16));
        s2 = f32x4.add(s2, v128.load(at, 32));
        s3 = f32x4.add(s3, v128.load(at, 48));
        at += stride;
      }
      t0 = f32x4.add(t0, s0);
      t1 = f32x4.add(t1, s1);
      t2 = f32x4.add(t2, s2);
      t3 = f32x4.add(t3, s3);
    }
    const o = out + (<usize>j << 2);
    v128.store(o, f32x4.div(t0, d4));
    v128.store(o, f32x4.div(t1, d4), 16);
    v128.store(o, f32x4.div(t2, d4), 32);
    v128.store(o, f32x4.div(t3, d4), 48);
    return;
  }
  let q = 0;
  for (; q + 4 <= width; q += 4) {
    let t = f32x4.splat(0);
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = min(rows, r0 + BLOCK);
      let s = f32x4.splat(0);
      let at = col + (<usize>q << 2) + <usize>r0 * stride;
      for (let r = r0; r < r1; r++) {
        s = f32x4.add(s, v128.load(at));
        at += stride;
      }
      t = f32x4.add(t, s);
    }
    v128.store(out + (<usize>(j + q) << 2), f32x4.div(t, d4));
  }
  for (; q < width; q++) {
    let t: f32 = 0;
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = min(rows, r0 + BLOCK);
      let s: f32 = 0;
      let at = col + (<usize>q << 2) + <usize>r0 * stride;
      for (let r = r0; r < r1; r++) {
        s += load<f32>(at);
        at += stride;
      }
      t += s;
    }
    store<f32>(out + (<usize>(j + q) << 2), t / divisor);
  }
}

/** out[j] = (sum over the rows of x[r, j]) / divisor, for columns j0 <= j < j1 (out holds all cols). */
export function columnSums(x: usize, rows: i32, cols: i32, j0: i32, j1: i32, divisor: f32, out: usize): void {
  const stride = <usize>cols << 2;
  for (let j = j0; j < j1; j += 16) sumPanel(x, rows, stride, j, min(16, j1 - j), divisor, out);
}

/**
 * out[o, j] = (sum over r < nRed of x[outer[o] + red[r] + j]) / divisor, for o < nOuter, j < cols:
 * a reduction over any axes but the innermost, x's kept and reduced positions given as offsets in
 * floats (int32 arrays `outer` [nOuter] and `red` [nRed]); the reduced positions are summed in order.
 */
export function gatherSums(x: usize, cols: i32, outer: usize, nOuter: i32, red: usize, nRed: i32, divisor: f32, out: usize): void {
  const d4 = f32x4.splat(divisor);
  for (let o = 0; o < nOuter; o++) {
    const base = x + (<usize>load<i32>(outer + (<usize>o << 2)) << 2);
    const dst = out + (<usize>(o * cols) << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      let s = f32x4.splat(0);
      for (let r = 0; r < nRed; r++) s = f32x4.add(s, v128.load(base + (<usize>(load<i32>(red + (<usize>r << 2)) + j) << 2)));
      v128.store(dst + (<usize>j << 2), f32x4.div(s, d4));
    }
    for (; j < cols; j++) {
      let s: f32 = 0;
      for (let r = 0; r < nRed; r++) s += load<f32>(base + (<usize>(load<i32>(red + (<usize>r << 2)) + j) << 2));
      store<f32>(dst + (<usize>j << 2), s / divisor);
    }
  }
}
