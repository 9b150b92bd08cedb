/**
 * A convolution's patch copy and its product as one call over patch rows [m0, m0 + rows), so a
 * thread of the pool (src/wasm-kernels/gemm-pool.ts) runs both for its own rows in one job: one
 * wake per block instead of two, and the patch copies split across threads with the products.
 * Layout and geometry as in patches.ts; `geometry` points at its 13 int32 values (inH, inW, inC,
 * outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft). K = kH kW inC.
 * Every pointer is a byte offset in the backend's memory and addresses row m0 of its matrix.
 * Rows go in chunks of CHUNK_FLOATS patch floats, each copied and multiplied (or multiplied and
 * scattered) before the next: `cols` needs room for one chunk only.
 */
import { gemm } from './gemm';
import { col2im, im2col } from './patches';

/**
 * Patch-matrix floats one call fills and reads back at a time (128 KiB), so that the rows it
 * writes are still in L2 when the product (forward) or col2im (input gradient) reads them.
 */
const CHUNK_FLOATS = 32768;

/** Rows of one chunk: a multiple of 4 (the product's row tile), at least 4. */
@inline function chunkRows(k: i32): i32 {
  return max(4, (CHUNK_FLOATS / max(1, k)) & ~3);
}

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
  const step = chunkRows(k);
  for (let r = 0; r < rows; r += step) {
    const n = min(step, rows - r);
    patches(false, x, cols, m0 + r, n, geometry);
    gemm(n, outC, k, cols, k, 1, w, outC, 1, y + ((<usize>r * <usize>outC) << 2), outC, bias, act, alpha, 0, scratch);
  }
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
  const step = chunkRows(k);
  for (let r = 0; r < rows; r += step) {
    const n = min(step, rows - r);
    gemm(n, k, outC, dy + ((<usize>r * <usize>outC) << 2), outC, 1, w, 1, outC, cols, k, 0, 0, 0, 0, scratch);
    patches(true, dx, cols, m0 + r, n, geometry);
  }
}
