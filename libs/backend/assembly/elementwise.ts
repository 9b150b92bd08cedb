/**
 * Element-wise kernels for @stablegen/backend's wasm backend, four lanes at a time, in
 * tfjs-backend-wasm's memory (pointers are byte offsets; `n` counts floats). tfjs-backend-wasm
 * 4.22 runs these as scalar loops: LeakyRelu ~6 ns and Tanh ~21 ns an element here, an Add or
 * Multiply whose right side is broadcast along the rows 4x slower than a same-shape one, and
 * FusedBatchNorm.
 */

/** out[i] = x[i] > 0 ? x[i] : alpha x[i] (exact: one multiply, as the built-in). */
export function leakyRelu(x: usize, n: i32, alpha: f32, out: usize): void {
  const a = f32x4.splat(alpha);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    v128.store(out + (<usize>i << 2), v128.bitselect(v, f32x4.mul(v, a), f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(out + (<usize>i << 2), v > 0 ? v : v * alpha);
  }
}

/** out[r, j] = x[r, j] op b[j] for r < rows, j < cols; op 0 add, 1 multiply (exact: one operation, as the built-ins). */
export function binaryRow(op: i32, x: usize, b: usize, rows: i32, cols: i32, out: usize): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      const u = v128.load(xr + o);
      const v = v128.load(b + o);
      v128.store(or + o, op == 0 ? f32x4.add(u, v) : f32x4.mul(u, v));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      const u = load<f32>(xr + o);
      const v = load<f32>(b + o);
      store<f32>(or + o, op == 0 ? u + v : u * v);
    }
  }
}

/**
 * Batch norm's affine map over x [rows, cols], per column (channel) j:
 * out = (x - mean[j]) * (scale[j] / sqrt(variance[j] + eps)) + offset[j]; scale / offset 0 = none (1 / 0).
 */
export function batchNorm(x: usize, rows: i32, cols: i32, mean: usize, variance: usize, scale: usize, offset: usize, eps: f32, out: usize): void {
  const rowBytes = <usize>cols << 2;
  const e4 = f32x4.splat(eps);
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      const s = scale == 0 ? f32x4.splat(1) : v128.load(scale + o);
      const k = f32x4.div(s, f32x4.sqrt(f32x4.add(v128.load(variance + o), e4)));
      const y = f32x4.mul(f32x4.sub(v128.load(xr + o), v128.load(mean + o)), k);
      v128.store(or + o, offset == 0 ? y : f32x4.add(y, v128.load(offset + o)));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      const s: f32 = scale == 0 ? 1 : load<f32>(scale + o);
      const y = (load<f32>(xr + o) - load<f32>(mean + o)) * (s / sqrt<f32>(load<f32>(variance + o) + eps));
      store<f32>(or + o, offset == 0 ? y : y + load<f32>(offset + o));
    }
  }
}

/**
 * tanh of four lanes. |x| < 0.5: the odd Taylor series x + x^3 P(x^2) through x^17 (its first
 * omitted term is under 1e-8 of tanh there); otherwise sign(x) (1 - 2 / (e^(2|x|) + 1)) with
 * |x| capped at 10 (tanh rounds to 1 in float32 from 9.02) and e^y = 2^k e^r, k = round(y / ln 2),
 * r = y - k ln 2 (ln 2 split in two parts), e^r by its Taylor series through r^8 (|r| <= 0.35).
 * NaN stays NaN; tanh(+-Infinity) = +-1.
 */
@inline function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  // Both branches on |x| (tanh is odd); the sign goes back on at the end, -0 included.
  // Small |x|: Taylor coefficients of tanh (x^3 .. x^17).
  const z = f32x4.mul(ax, ax);
  let p = f32x4.splat(<f32>(6404582.0 / 10854718875.0));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-929569.0 / 638512875.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(21844.0 / 6081075.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-1382.0 / 155925.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(62.0 / 2835.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-17.0 / 315.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(2.0 / 15.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-1.0 / 3.0)));
  const small = f32x4.add(ax, f32x4.mul(f32x4.mul(ax, z), p));
  // Large |x|: e^(2|x|).
  const y = f32x4.mul(f32x4.min(ax, f32x4.splat(10)), f32x4.splat(2));
  const k = f32x4.nearest(f32x4.mul(y, f32x4.splat(<f32>1.4426950408889634)));
  let r = f32x4.sub(y, f32x4.mul(k, f32x4.splat(<f32>0.693145751953125)));
  r = f32x4.sub(r, f32x4.mul(k, f32x4.splat(<f32>1.428606765330187e-6)));
  let e = f32x4.splat(<f32>(1.0 / 40320.0));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>(1.0 / 5040.0)));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>(1.0 / 720.0)));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>(1.0 / 120.0)));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>(1.0 / 24.0)));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>(1.0 / 6.0)));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>0.5));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>1));
  e = f32x4.add(f32x4.mul(e, r), f32x4.splat(<f32>1));
  const twoK = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23); // 2^k, k in 0..29
  e = f32x4.mul(e, twoK);
  const one = f32x4.splat(1);
  const t = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)));
  // NaN lanes: y, k, e and t are NaN already.
  const magnitude = v128.bitselect(small, t, f32x4.lt(ax, f32x4.splat(0.5)));
  return v128.or(magnitude, v128.and(x, i32x4.splat(0x80000000)));
}

/** out[i] = tanh(x[i]), within a few float32 ulp (see tanh4). */
export function tanh(x: usize, n: i32, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), tanh4(v128.load(x + (<usize>i << 2))));
  const m = n - i;
  if (m == 0) return;
  // The last 1-3 floats through one vector, lanes past n zero (never reading or writing past the arrays).
  const src = x + (<usize>i << 2);
  const dst = out + (<usize>i << 2);
  let v = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(src));
  if (m > 1) v = f32x4.replace_lane(v, 1, load<f32>(src, 4));
  if (m > 2) v = f32x4.replace_lane(v, 2, load<f32>(src, 8));
  const t = tanh4(v);
  store<f32>(dst, f32x4.extract_lane(t, 0));
  if (m > 1) store<f32>(dst, f32x4.extract_lane(t, 1), 4);
  if (m > 2) store<f32>(dst, f32x4.extract_lane(t, 2), 8);
}
