/**
 * A convolution's patch copy and its product as one call over patch rows [m0, m0 + rows), so a
 * thread of the pool (src/wasm-kernels/gemm-pool.ts) runs both for its own rows in one job: one
 * wake per block instead of two, and the patch copies split across threads with the products.
 * Layout and geometry as in patches.ts; `geometry` points at its 13 int32 values (inH, inW, inC,
 * outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft). K = kH kW inC.
 * Every pointer is a byte offset in the backend's memory and addresses row m0 of its matrix.
 */
import { gemm } from './gemm';
import { col2im, im2col } from './patches';

@inline function geo(geometry: usize, i: i32): i32 {
  return load<i32>(geometry + (<usize>i << 2));
}

@inline function patchK(geometry: usize): i32 {
  return geo(geometry, 5) * geo(geometry, 6) * geo(geometry, 2);
}

/** Patch rows of x into cols (im2col) or cols added into dx (col2im), rows m0 .. m0 + rows - 1. */
@inline function patches(scatter: bool, image: usize, cols: usize, m0: i32, rows: i32, g: usize): void {
  if (scatter) {
    col2im(cols, image, m0, rows, geo(g, 0), geo(g, 1), geo(g, 2), geo(g, 3), geo(g, 4), geo(g, 5), geo(g, 6), geo(g, 7), geo(g, 8), geo(g, 9), geo(g, 10), geo(g, 11), geo(g, 12));
  } else {
    im2col(image, cols, m0, rows, geo(g, 0), geo(g, 1), geo(g, 2), geo(g, 3), geo(g, 4), geo(g, 5), geo(g, 6), geo(g, 7), geo(g, 8), geo(g, 9), geo(g, 10), geo(g, 11), geo(g, 12));
  }
}

/**
 * Forward rows: cols[rows, K] = im2col(x), then y[rows, outC] = act(cols @ W[K, outC] + bias).
 * @param x the whole image batch [batch, inH, inW, inC]
 */
export function convForwardRows(
  x: usize, geometry: usize, m0: i32, rows: i32, cols: usize,
  w: usize, outC: i32, y: usize, bias: usize, act: i32, alpha: f32, scratch: usize,
): void {
  const k = patchK(geometry);
  patches(false, x, cols, m0, rows, geometry);
  gemm(rows, outC, k, cols, k, 1, w, outC, 1, y, outC, bias, act, alpha, 0, scratch);
}

/**
 * Input-gradient rows: cols[rows, K] = dy[rows, outC] @ W^T (W stored [K, outC]), then
 * dx += col2im(cols). Two calls may run at once only on rows of different images.
 * @param dx the whole gradient batch [batch, inH, inW, inC]
 */
export function convInputRows(
  dy: usize, w: usize, outC: i32, cols: usize, geometry: usize, m0: i32, rows: i32, dx: usize, scratch: usize,
): void {
  const k = patchK(geometry);
  gemm(rows, k, outC, dy, outC, 1, w, 1, outC, cols, k, 0, 0, 0, 0, scratch);
  patches(true, dx, cols, m0, rows, geometry);
}
