/**
 * Transposed convolution (Conv2DBackpropInput) as s*s ordinary stride-1 convolutions, one per
 * output phase ("sub-pixel" decomposition), so that XNNPACK's Conv2D does the arithmetic and
 * no scatter-add is needed. Dilation 1, NHWC.
 *
 * Along one axis with stride s, kernel k and leading pad P (of the forward conv), output position
 * i = s*a + p (phase p) receives dy[a + q - j] * W[r + s*j] for j < J, where r = (p + P) mod s,
 * q = floor((p + P) / s), J = ceil((k - r) / s). That is a stride-1 correlation of dy with the
 * flipped taps W[r + s*(J-1-t)], t < J, padded by J-1-q before and so that it yields
 * ceil((inSize - p) / s) outputs. A negative pad (large explicit padding) has no plan here.
 */
import type { backend_util } from '@tensorflow/tfjs-core';

/** One axis of one phase. */
export interface AxisPhase {
  /** First tap of W used (r) and how many (J; 0 means the phase gets only zeros). */
  firstTap: number;
  taps: number;
  /** Explicit padding of dy for the stride-1 conv. */
  before: number;
  after: number;
  /** Output positions in this phase: p, p + s, ... (< inSize). */
  count: number;
}

export function axisPhase(p: number, pad: number, stride: number, k: number, inSize: number, outSize: number): AxisPhase {
  const firstTap = (p + pad) % stride;
  const q = Math.floor((p + pad) / stride);
  const taps = firstTap < k ? Math.ceil((k - firstTap) / stride) : 0;
  const count = p < inSize ? Math.ceil((inSize - p) / stride) : 0;
  const before = taps - 1 - q;
  const after = count - outSize - before + taps - 1;
  return { firstTap, taps, before, after, count };
}

export interface PhasePlan {
  ph: number;
  pw: number;
  h: AxisPhase;
  w: AxisPhase;
}

/** Whether the phase needs a convolution (else its outputs are zero). */
export function phaseHasWork(plan: PhasePlan): boolean {
  return plan.h.taps > 0 && plan.w.taps > 0 && plan.h.count > 0 && plan.w.count > 0;
}

/** Plans every phase, or returns undefined when this decomposition does not apply. */
export function planSubpixel(info: backend_util.Conv2DInfo): PhasePlan[] | undefined {
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  const plans: PhasePlan[] = [];
  for (let ph = 0; ph < info.strideHeight; ph++) {
    const h = axisPhase(ph, info.padInfo.top, info.strideHeight, info.filterHeight, info.inHeight, info.outHeight);
    for (let pw = 0; pw < info.strideWidth; pw++) {
      const w = axisPhase(pw, info.padInfo.left, info.strideWidth, info.filterWidth, info.inWidth, info.outWidth);
      const plan = { ph, pw, h, w };
      if (phaseHasWork(plan) && (h.before < 0 || h.after < 0 || w.before < 0 || w.after < 0)) return undefined;
      plans.push(plan);
    }
  }
  return plans;
}

/**
 * Writes the phase's conv filter V[t, u, co, ci] = W[rH + s*(JH-1-t), rW + s*(JW-1-u), ci, co].
 * @param wOff offset of W [kH, kW, inC, outC] in a
 * @param vOff offset of V [JH, JW, outC, inC] in a
 */
export function phaseFilter(a: Float32Array, wOff: number, vOff: number, plan: PhasePlan, info: backend_util.Conv2DInfo): void {
  const { inChannels: ci, outChannels: co, strideHeight: sh, strideWidth: sw, filterWidth: kW } = info;
  let dst = vOff;
  for (let t = 0; t < plan.h.taps; t++) {
    const kh = plan.h.firstTap + sh * (plan.h.taps - 1 - t);
    for (let u = 0; u < plan.w.taps; u++) {
      const kw = plan.w.firstTap + sw * (plan.w.taps - 1 - u);
      const tap = wOff + (kh * kW + kw) * ci * co;
      for (let o = 0; o < co; o++) {
        for (let i = 0; i < ci; i++) a[dst++] = a[tap + i * co + o];
      }
    }
  }
}

/**
 * Copies the phase's conv output y[n, a, b, c] to dx[n, s*a + ph, s*b + pw, c].
 * @param yOff offset of y [batch, count_h, count_w, inC]
 * @param dxOff offset of dx [batch, inH, inW, inC]
 */
export function interleavePhase(a: Float32Array, yOff: number, dxOff: number, plan: PhasePlan, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: c, strideHeight: sh, strideWidth: sw } = info;
  const rowStep = sw * c;
  let src = yOff;
  for (let n = 0; n < batchSize; n++) {
    for (let i = 0; i < plan.h.count; i++) {
      let dst = dxOff + ((n * inHeight + sh * i + plan.ph) * inWidth + plan.pw) * c;
      for (let j = 0; j < plan.w.count; j++, dst += rowStep, src += c) {
        if (c >= 32) a.copyWithin(dst, src, src + c);
        else for (let k = 0; k < c; k++) a[dst + k] = a[src + k];
      }
    }
  }
}
