/**
 * Single-precision matrix products for @stablegen/backend's wasm kernels, written in
 * AssemblyScript and compiled by `npx nx run backend:build-wasm` twice: with relaxed SIMD
 * (f32x4.relaxed_madd, a fused multiply-add on x86 with FMA3 and on ARM) and with plain SIMD
 * (multiply, then add). The module imports tfjs-backend-wasm's memory, so every pointer below is
 * a byte offset into the tensors' own heap: nothing is copied in or out of the module. No
 * allocation and no static data: the caller passes every buffer, scratch included.
 *
 * C[i, j] = act(sum_p A[i, p] B[p, j] + bias[j]) for i < m, j < n, p < k. Operands are read
 * through strides (in floats), so a transposed operand is a stride, not a copy:
 * A(i, p) at a + 4 (i ai + p ap), B(p, j) at b + 4 (p bp + j bj), C(i, j) at c + 4 (i ldc + j).
 * bias: pointer to n floats, or 0 for none. act: 0 linear, 1 relu, 2 leakyrelu (alpha), 3 relu6.
 * accumulate != 0: C += the product instead of C = (a sum over several calls; linear, no bias).
 *
 * Blocking (Goto and van de Geijn 2008): for each block of NC columns and KC depths, B is packed
 * into zero-padded panels of 8 columns ([KC][8] each, contiguous), then every 4-row tile of A
 * runs a 4 x 8 register tile over each panel: 8 accumulators, one broadcast A value and two B
 * vectors per depth. A tile of A read with a stride along the depth (a transposed A: four rows'
 * values of one depth share a cache line, the next depth is a row of the stored matrix away) is
 * first copied to a contiguous [KC][4] tile, which then stays in L1 across all panels; with two
 * panels or fewer (n <= 16) the copy costs more than it saves, and the tile is read in place
 * (filter gradients with 8 or 16 output channels: 11.0 -> 19.3 GMAC/s for [72 x 14563] @
 * [14563 x 8], 15.4 -> 20.1 with 16 columns; with 32 columns, +-5% either way). Partial
 * sums over the depth blocks accumulate in C; bias and activation are applied with the last block.
 */

/** Depth of one packed block (a 4 x KC tile of A is 4 KiB; a [KC][8] panel 8 KiB: both stay in L1). */
const KC = 256;
/** Columns of one packed block (KC x NC floats = 256 KiB, for L2). */
const NC = 256;

/** Floats of scratch `gemm` needs: one packed block of B, one 4 x 8 edge tile, one packed 4-row tile of A. */
export function scratchFloats(): i32 {
  return KC * NC + 32 + 4 * KC;
}

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

/** Packs B(p0 + p, j0 + j) for p < kc, j < nc into panels [ceil(nc / 8)][kc][8], zero past nc. */
function packB(kc: i32, nc: i32, b: usize, bp: i32, bj: i32, p0: i32, j0: i32, dst: usize): void {
  const sbp = <usize>bp << 2;
  const sbj = <usize>bj << 2;
  for (let jp = 0; jp < nc; jp += 8) {
    const w = min(8, nc - jp);
    const panel = dst + ((<usize>jp * <usize>kc) << 2);
    let src = b + <usize>p0 * sbp + <usize>(j0 + jp) * sbj;
    if (bj == 1 && w == 8) {
      for (let p = 0; p < kc; p++) {
        v128.store(panel + (<usize>p << 5), v128.load(src));
        v128.store(panel + (<usize>p << 5), v128.load(src, 16), 16);
        src += sbp;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = panel + (<usize>p << 5);
        let q = src;
        for (let j = 0; j < 8; j++) {
          store<f32>(row + (<usize>j << 2), j < w ? load<f32>(q) : 0);
          q += sbj;
        }
        src += sbp;
      }
    }
  }
}

/**
 * Writes one 4 x 8 tile: C = [C +] acc, then (last depth block) + bias and act. rows / cols: the
 * valid part (edge tiles go through the 32-float `edge` buffer).
 */
@inline function putRow(pc: usize, v0: v128, v1: v128, add: bool, last: bool, b0: v128, b1: v128, act: i32, alpha: v128): void {
  if (add) {
    v0 = f32x4.add(v0, v128.load(pc));
    v1 = f32x4.add(v1, v128.load(pc, 16));
  }
  if (last) {
    v0 = activate(f32x4.add(v0, b0), act, alpha);
    v1 = activate(f32x4.add(v1, b1), act, alpha);
  }
  v128.store(pc, v0);
  v128.store(pc, v1, 16);
}

export function gemm(
  m: i32, n: i32, k: i32,
  a: usize, ai: i32, ap: i32,
  b: usize, bp: i32, bj: i32,
  c: usize, ldc: i32,
  bias: usize, act: i32, alpha: f32,
  accumulate: i32,
  scratch: usize,
): void {
  const sai = <usize>ai << 2;
  const sap = <usize>ap << 2;
  const sc = <usize>ldc << 2;
  const alpha4 = f32x4.splat(alpha);
  const packed = scratch;
  const edge = scratch + ((<usize>KC * <usize>NC) << 2);
  const tileA = edge + 128;
  const packA = ap != 1 && n > 2 * 8;
  if (k == 0) {
    // No depth: C = act([C +] bias).
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const at = c + <usize>i * sc + (<usize>j << 2);
        const v: f32 = (accumulate != 0 ? load<f32>(at) : 0) + (bias == 0 ? 0 : load<f32>(bias + (<usize>j << 2)));
        store<f32>(at, activate1(v, act, alpha));
      }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = min(KC, k - p0);
      const add = p0 > 0 || accumulate != 0;
      const last = p0 + kc >= k;
      packB(kc, nc, b, bp, bj, p0, j0, packed);
      for (let i = 0; i < m; i += 4) {
        const rows = min(4, m - i);
        // Rows past m read row m - 1 again (valid memory); their results are not stored.
        let a0 = a + <usize>i * sai + <usize>p0 * sap;
        let a1 = rows > 1 ? a0 + sai : a0;
        let a2 = rows > 2 ? a0 + 2 * sai : a1;
        let a3 = rows > 3 ? a0 + 3 * sai : a2;
        let step = sap;
        if (packA) {
          for (let p = 0; p < kc; p++) {
            const o = <usize>p * sap;
            const t = tileA + (<usize>p << 4);
            store<f32>(t, load<f32>(a0 + o));
            store<f32>(t, load<f32>(a1 + o), 4);
            store<f32>(t, load<f32>(a2 + o), 8);
            store<f32>(t, load<f32>(a3 + o), 12);
          }
          a0 = tileA;
          a1 = tileA + 4;
          a2 = tileA + 8;
          a3 = tileA + 12;
          step = 16;
        }
        for (let jp = 0; jp < nc; jp += 8) {
          const cols = min(8, nc - jp);
          let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
          let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
          let pb = packed + ((<usize>jp * <usize>kc) << 2);
          let off: usize = 0;
          for (let p = 0; p < kc; p++) {
            const b0 = v128.load(pb);
            const b1 = v128.load(pb, 16);
            let av = v128.load32_splat(a0 + off);
            c00 = madd(av, b0, c00);
            c01 = madd(av, b1, c01);
            av = v128.load32_splat(a1 + off);
            c10 = madd(av, b0, c10);
            c11 = madd(av, b1, c11);
            av = v128.load32_splat(a2 + off);
            c20 = madd(av, b0, c20);
            c21 = madd(av, b1, c21);
            av = v128.load32_splat(a3 + off);
            c30 = madd(av, b0, c30);
            c31 = madd(av, b1, c31);
            off += step;
            pb += 32;
          }
          const j = j0 + jp;
          const pc = c + <usize>i * sc + (<usize>j << 2);
          if (rows == 4 && cols == 8) {
            const b0 = bias == 0 ? f32x4.splat(0) : v128.load(bias + (<usize>j << 2));
            const b1 = bias == 0 ? f32x4.splat(0) : v128.load(bias + (<usize>j << 2), 16);
            putRow(pc, c00, c01, add, last, b0, b1, act, alpha4);
            putRow(pc + sc, c10, c11, add, last, b0, b1, act, alpha4);
            putRow(pc + 2 * sc, c20, c21, add, last, b0, b1, act, alpha4);
            putRow(pc + 3 * sc, c30, c31, add, last, b0, b1, act, alpha4);
          } else {
            v128.store(edge, c00);
            v128.store(edge, c01, 16);
            v128.store(edge, c10, 32);
            v128.store(edge, c11, 48);
            v128.store(edge, c20, 64);
            v128.store(edge, c21, 80);
            v128.store(edge, c30, 96);
            v128.store(edge, c31, 112);
            for (let r = 0; r < rows; r++) {
              for (let q = 0; q < cols; q++) {
                const at = pc + <usize>r * sc + (<usize>q << 2);
                let v = load<f32>(edge + (<usize>(r * 8 + q) << 2));
                if (add) v += load<f32>(at);
                if (last) v = activate1(v + (bias == 0 ? 0 : load<f32>(bias + (<usize>(j + q) << 2))), act, alpha);
                store<f32>(at, v);
              }
            }
          }
        }
      }
    }
  }
}
