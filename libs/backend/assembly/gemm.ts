/**
 * Single-precision matrix products for @stablegen/backend's wasm kernels, written in
 * AssemblyScript and compiled by `npx nx run backend:build-wasm` twice: with relaxed SIMD
 * (f32x4.relaxed_madd, a fused multiply-add on x86 with FMA3 and on ARM) and with plain SIMD
 * (multiply, then add). The module imports tfjs-backend-wasm's memory, so every pointer below is
 * a byte offset into the tensors' own heap: nothing is copied in or out. No allocation, no static
 * data: the caller owns every buffer.
 *
 * C[i, j] = act(sum_p A[i, p] B[p, j] + bias[j]), i < m, j < n, p < k.
 * A element (i, p) at a + 4 (i ai + p ap): either layout (row-major, or a transposed operand) is a
 * stride, no copy. B is row-major with row stride ldb (unit column stride). C row-major, stride ldc.
 * bias: pointer to n floats, or 0 for none. act: 0 linear, 1 relu, 2 leakyrelu (alpha), 3 relu6.
 */

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

@inline function activate(v: v128, act: i32, alpha: v128): v128 {
  if (act == 1) return f32x4.max(v, f32x4.splat(0));
  if (act == 2) return v128.bitselect(v, f32x4.mul(v, alpha), f32x4.gt(v, f32x4.splat(0)));
  if (act == 3) return f32x4.min(f32x4.max(v, f32x4.splat(0)), f32x4.splat(6));
  return v;
}

@inline function activate1(v: f32, act: i32, alpha: f32): f32 {
  if (act == 1) return v > 0 ? v : 0;
  if (act == 2) return v > 0 ? v : v * alpha;
  if (act == 3) return v < 0 ? 0 : v > 6 ? 6 : v;
  return v;
}

@inline function biasAt(bias: usize, j: i32): v128 {
  return bias == 0 ? f32x4.splat(0) : v128.load(bias + (<usize>j << 2));
}

/** Stores act(acc + bias) (4 lanes). */
@inline function put(c: usize, acc: v128, bias: v128, act: i32, alpha: v128): void {
  v128.store(c, activate(f32x4.add(acc, bias), act, alpha));
}

/** One output element by a scalar dot product (edges of the tiles). */
@inline function dot1(k: i32, pa: usize, sap: usize, pb: usize, sb: usize): f32 {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) {
    s += load<f32>(pa) * load<f32>(pb);
    pa += sap;
    pb += sb;
  }
  return s;
}

export function gemm(m: i32, n: i32, k: i32, a: usize, ai: i32, ap: i32, b: usize, ldb: i32, c: usize, ldc: i32, bias: usize, act: i32, alpha: f32): void {
  const sai = <usize>ai << 2;
  const sap = <usize>ap << 2;
  const sb = <usize>ldb << 2;
  const sc = <usize>ldc << 2;
  const av4 = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * sai;
    const c0 = c + <usize>i * sc;
    let j = 0;
    // 4 x 8 tiles: 8 accumulators, one broadcast A value and two B vectors per p.
    for (; j + 8 <= n; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let pa = a0;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let av = v128.load32_splat(pa);
        c00 = madd(av, b0, c00);
        c01 = madd(av, b1, c01);
        av = v128.load32_splat(pa + sai);
        c10 = madd(av, b0, c10);
        c11 = madd(av, b1, c11);
        av = v128.load32_splat(pa + 2 * sai);
        c20 = madd(av, b0, c20);
        c21 = madd(av, b1, c21);
        av = v128.load32_splat(pa + 3 * sai);
        c30 = madd(av, b0, c30);
        c31 = madd(av, b1, c31);
        pa += sap;
        pb += sb;
      }
      const bias0 = biasAt(bias, j);
      const bias1 = biasAt(bias, j + 4);
      const pc = c0 + (<usize>j << 2);
      put(pc, c00, bias0, act, av4);
      put(pc + 16, c01, bias1, act, av4);
      put(pc + sc, c10, bias0, act, av4);
      put(pc + sc + 16, c11, bias1, act, av4);
      put(pc + 2 * sc, c20, bias0, act, av4);
      put(pc + 2 * sc + 16, c21, bias1, act, av4);
      put(pc + 3 * sc, c30, bias0, act, av4);
      put(pc + 3 * sc + 16, c31, bias1, act, av4);
    }
    // 4 x 4 tile for a remainder of 4..7 columns.
    for (; j + 4 <= n; j += 4) {
      let c00 = f32x4.splat(0), c10 = f32x4.splat(0), c20 = f32x4.splat(0), c30 = f32x4.splat(0);
      let pa = a0;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        c00 = madd(v128.load32_splat(pa), b0, c00);
        c10 = madd(v128.load32_splat(pa + sai), b0, c10);
        c20 = madd(v128.load32_splat(pa + 2 * sai), b0, c20);
        c30 = madd(v128.load32_splat(pa + 3 * sai), b0, c30);
        pa += sap;
        pb += sb;
      }
      const bias0 = biasAt(bias, j);
      const pc = c0 + (<usize>j << 2);
      put(pc, c00, bias0, act, av4);
      put(pc + sc, c10, bias0, act, av4);
      put(pc + 2 * sc, c20, bias0, act, av4);
      put(pc + 3 * sc, c30, bias0, act, av4);
    }
    for (; j < n; j++) {
      const bj: f32 = bias == 0 ? 0 : load<f32>(bias + (<usize>j << 2));
      for (let r = 0; r < 4; r++) {
        const s = dot1(k, a0 + <usize>r * sai, sap, b + (<usize>j << 2), sb);
        store<f32>(c0 + <usize>r * sc + (<usize>j << 2), activate1(s + bj, act, alpha));
      }
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const bj: f32 = bias == 0 ? 0 : load<f32>(bias + (<usize>j << 2));
      const s = dot1(k, a + <usize>i * sai, sap, b + (<usize>j << 2), sb);
      store<f32>(c + <usize>i * sc + (<usize>j << 2), activate1(s + bj, act, alpha));
    }
  }
}

/**
 * The same product for narrow outputs (n < 8), as dot products along p: A rows contiguous
 * (stride lda), B given transposed: bt[j, p] at bt + 4 (j ldbt + p).
 */
export function gemmDot(m: i32, n: i32, k: i32, a: usize, lda: i32, bt: usize, ldbt: i32, c: usize, ldc: i32, bias: usize, act: i32, alpha: f32): void {
  const sa = <usize>lda << 2;
  const sbt = <usize>ldbt << 2;
  const sc = <usize>ldc << 2;
  const k4 = k & ~3;
  for (let i = 0; i < m; i++) {
    const pa = a + <usize>i * sa;
    for (let j = 0; j < n; j++) {
      const pb = bt + <usize>j * sbt;
      let acc = f32x4.splat(0);
      let p = 0;
      for (; p < k4; p += 4) acc = madd(v128.load(pa + (<usize>p << 2)), v128.load(pb + (<usize>p << 2)), acc);
      let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
      for (; p < k; p++) s += load<f32>(pa + (<usize>p << 2)) * load<f32>(pb + (<usize>p << 2));
      const bj: f32 = bias == 0 ? 0 : load<f32>(bias + (<usize>j << 2));
      store<f32>(c + <usize>i * sc + (<usize>j << 2), activate1(s + bj, act, alpha));
    }
  }
}
