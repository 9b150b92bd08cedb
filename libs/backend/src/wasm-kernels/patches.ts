/**
 * Patch layout of a 2-D convolution (NHWC): im2col and its adjoint, as plain loops over one
 * Float32Array (the wasm heap, or any array in tests) addressed by element offsets.
 *
 * With K = kH * kW * inC ordered (kh, kw, c) like a [kH, kW, inC, outC] filter, and
 * M = batch * outH * outW ordered (n, oh, ow), the convolution is y[M, outC] = cols[M, K] @ W[K, outC],
 * where cols[m, k] = x[n, oh*sH + kh*dH - padTop, ow*sW + kw*dW - padLeft, c] (0 outside x).
 * The matrix products themselves run in wasm (see wasm-backend.ts).
 */
import type { backend_util } from '@tensorflow/tfjs-core';

export interface PatchGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilH: number;
  dilW: number;
  padTop: number;
  padLeft: number;
}

export function patchGeometry(info: backend_util.Conv2DInfo): PatchGeometry {
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilH: info.dilationHeight,
    dilW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Rows of cols (M) and columns (K). */
export function patchDims(g: PatchGeometry): { m: number; k: number } {
  return { m: g.batch * g.outH * g.outW, k: g.kH * g.kW * g.inC };
}

/** Copies len elements within `a`; copyWithin only pays off for long runs. */
function copyRun(a: Float32Array, dst: number, src: number, len: number): void {
  if (len >= 32) {
    a.copyWithin(dst, src, src + len);
    return;
  }
  for (let i = 0; i < len; i++) a[dst + i] = a[src + i];
}

function zeroRun(a: Float32Array, dst: number, len: number): void {
  for (let i = 0; i < len; i++) a[dst + i] = 0;
}

/**
 * Writes one kernel row (fixed kh) of one patch: kW * inC values at `dst`.
 * @param rowBase offset of x[n, ih, 0, 0], or -1 when ih is outside x
 */
function patchRow(a: Float32Array, dst: number, rowBase: number, iw0: number, g: PatchGeometry): void {
  const c = g.inC;
  if (rowBase < 0) {
    zeroRun(a, dst, g.kW * c);
  } else if (g.dilW === 1 && iw0 >= 0 && iw0 + g.kW <= g.inW) {
    copyRun(a, dst, rowBase + iw0 * c, g.kW * c);
  } else {
    for (let kw = 0; kw < g.kW; kw++, dst += c) {
      const iw = iw0 + kw * g.dilW;
      if (iw < 0 || iw >= g.inW) zeroRun(a, dst, c);
      else copyRun(a, dst, rowBase + iw * c, c);
    }
  }
}

/**
 * im2col: fills cols[M, K] from x[batch, inH, inW, inC] (both in `a`, non-overlapping).
 * @param xOff element offset of x in a
 * @param colsOff element offset of cols in a
 */
export function im2col(a: Float32Array, xOff: number, colsOff: number, g: PatchGeometry): void {
  const rowLen = g.kW * g.inC;
  let dst = colsOff;
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const iw0 = ow * g.strideW - g.padLeft;
        for (let kh = 0; kh < g.kH; kh++, dst += rowLen) {
          const ih = oh * g.strideH + kh * g.dilH - g.padTop;
          const rowBase = ih < 0 || ih >= g.inH ? -1 : xOff + (n * g.inH + ih) * g.inW * g.inC;
          patchRow(a, dst, rowBase, iw0, g);
        }
      }
    }
  }
}

/** Adds len elements of `a` at src onto those at dst. */
function addRun(a: Float32Array, dst: number, src: number, len: number): void {
  for (let i = 0; i < len; i++) a[dst + i] += a[src + i];
}

/**
 * col2im, the adjoint of im2col: dx += scatter of cols[M, K] onto x's positions.
 * dx[batch, inH, inW, inC] must be zeroed (or hold what to add to) beforehand.
 */
export function col2im(a: Float32Array, colsOff: number, dxOff: number, g: PatchGeometry): void {
  const c = g.inC;
  let src = colsOff;
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const iw0 = ow * g.strideW - g.padLeft;
        for (let kh = 0; kh < g.kH; kh++) {
          const ih = oh * g.strideH + kh * g.dilH - g.padTop;
          const rowBase = dxOff + (n * g.inH + ih) * g.inW * c;
          for (let kw = 0; kw < g.kW; kw++, src += c) {
            const iw = iw0 + kw * g.dilW;
            if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) addRun(a, rowBase + iw * c, src, c);
          }
        }
      }
    }
  }
}

/**
 * cols^T written directly: fills colsT[K, M] from x in channel-major layout xT[inC, batch, inH, inW]
 * (both in `a`, non-overlapping). Row (kh, kw, c) of colsT is, for each (n, oh), a run of outW
 * values of one input row of channel c: contiguous in xT at stride 1, so it copies long runs where
 * im2col copies inC values at a time, and no transpose of the big matrix follows.
 * @param xTOff element offset of xT in a
 * @param colsTOff element offset of colsT in a
 */
export function im2colTransposed(a: Float32Array, xTOff: number, colsTOff: number, g: PatchGeometry): void {
  const { outH, outW, inH, inW, strideW: sW } = g;
  const plane = inH * inW;
  let dst = colsTOff;
  for (let kh = 0; kh < g.kH; kh++) {
    for (let kw = 0; kw < g.kW; kw++) {
      const iwOffset = kw * g.dilW - g.padLeft; // iw = ow * sW + iwOffset
      // ow range whose iw lies inside [0, inW): [owLo, owHi)
      const owLo = Math.min(outW, Math.max(0, Math.ceil(-iwOffset / sW)));
      const owHi = Math.max(owLo, Math.min(outW, Math.floor((inW - 1 - iwOffset) / sW) + 1));
      for (let c = 0; c < g.inC; c++) {
        for (let n = 0; n < g.batch; n++) {
          const planeBase = xTOff + (c * g.batch + n) * plane;
          for (let oh = 0; oh < outH; oh++, dst += outW) {
            const ih = oh * g.strideH + kh * g.dilH - g.padTop;
            if (ih < 0 || ih >= inH) {
              zeroRun(a, dst, outW);
              continue;
            }
            const src = planeBase + ih * inW + iwOffset;
            zeroRun(a, dst, owLo);
            if (sW === 1) copyRun(a, dst + owLo, src + owLo, owHi - owLo);
            else for (let ow = owLo; ow < owHi; ow++) a[dst + ow] = a[src + ow * sW];
            zeroRun(a, dst + owHi, outW - owHi);
          }
        }
      }
    }
  }
}
