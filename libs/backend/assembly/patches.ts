/**
 * Patch layout of a 2-D convolution (NHWC) for @stablegen/backend's wasm kernels: im2col and its
 * adjoint col2im over rows [m0, m0 + rows) of the patch matrix, in tfjs-backend-wasm's memory
 * (pointers are byte offsets), copying and adding inC-long channel runs four lanes at a time.
 * Same layout as src/wasm-kernels/patches.ts: K = kH kW inC ordered (kh, kw, c) like a
 * [kH, kW, inC, outC] filter, M = batch outH outW ordered (n, oh, ow), and
 * cols[m, k] = x[n, oh sH + kh dH - padTop, ow sW + kw dW - padLeft, c] (0 outside x).
 * Geometry (i32 x 13): inH, inW, inC, outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft (the
 * batch index comes from m).
 */

@inline function copyRun(dst: usize, src: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < len; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

@inline function zeroRun(dst: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) v128.store(dst + (<usize>i << 2), f32x4.splat(0));
  for (; i < len; i++) store<f32>(dst + (<usize>i << 2), 0);
}

@inline function addRun(dst: usize, src: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const at = dst + (<usize>i << 2);
    v128.store(at, f32x4.add(v128.load(at), v128.load(src + (<usize>i << 2))));
  }
  for (; i < len; i++) {
    const at = dst + (<usize>i << 2);
    store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>i << 2)));
  }
}

/**
 * Walks patch rows m0 .. m0 + rows - 1 tap by tap: gather (im2col) copies each in-range tap's inC
 * channels of x into the row and zeroes the others; scatter (col2im) adds each in-range tap's
 * channels from the row into x. `cols` is the first row's address; rows are K floats apart.
 */
@inline function walk(
  scatter: bool, x: usize, cols: usize, m0: i32, rows: i32,
  inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, kH: i32, kW: i32,
  sH: i32, sW: i32, dH: i32, dW: i32, padTop: i32, padLeft: i32,
): void {
  let at = cols;
  const runBytes = <usize>inC << 2;
  for (let r = 0; r < rows; r++) {
    const m = m0 + r;
    const ow = m % outW;
    const oh = (m / outW) % outH;
    const n = m / (outW * outH);
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * sH + kh * dH - padTop;
      const inside = ih >= 0 && ih < inH;
      const rowBase = x + <usize>((n * inH + ih) * inW) * runBytes;
      const iw0 = ow * sW - padLeft;
      if (inside && dW == 1 && iw0 >= 0 && iw0 + kW <= inW) {
        // All kW taps inside and adjacent in x: one run of kW inC floats.
        const tap = rowBase + <usize>iw0 * runBytes;
        if (scatter) addRun(tap, at, kW * inC);
        else copyRun(at, tap, kW * inC);
        at += <usize>kW * runBytes;
        continue;
      }
      for (let kw = 0; kw < kW; kw++) {
        const iw = ow * sW + kw * dW - padLeft;
        const tap = rowBase + <usize>iw * runBytes;
        if (inside && iw >= 0 && iw < inW) {
          if (scatter) addRun(tap, at, inC);
          else copyRun(at, tap, inC);
        } else if (!scatter) {
          zeroRun(at, inC);
        }
        at += runBytes;
      }
    }
  }
}

/** Fills cols[rows, K] (at `cols`) with patch rows m0 .. m0 + rows - 1 of x (at `x`). */
export function im2col(
  x: usize, cols: usize, m0: i32, rows: i32,
  inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, kH: i32, kW: i32,
  sH: i32, sW: i32, dH: i32, dW: i32, padTop: i32, padLeft: i32,
): void {
  walk(false, x, cols, m0, rows, inH, inW, inC, outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft);
}

/** dx += the scatter of cols[rows, K] (patch rows m0 .. m0 + rows - 1) onto x's positions. */
export function col2im(
  cols: usize, dx: usize, m0: i32, rows: i32,
  inH: i32, inW: i32, inC: i32, outH: i32, outW: i32, kH: i32, kW: i32,
  sH: i32, sW: i32, dH: i32, dW: i32, padTop: i32, padLeft: i32,
): void {
  walk(true, dx, cols, m0, rows, inH, inW, inC, outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft);
}
