/**
 * A strided convolution's filter gradient as one ordinary convolution, so that XNNPACK's Conv2D
 * does the arithmetic without an im2col in JS. With x [n, H, W, ci], dy [n, oh, ow, co], stride
 * (sH, sW) and leading pads (pt, pl):
 *
 *   dW[kh, kw, ci, co] = sum_{n, a, b} x[n, a*sH + kh - pt, b*sW + kw - pl, ci] dy[n, a, b, co]
 *
 * which is the convolution of x^T [ci, H, W, n] (batch ci, channels n) with the filter
 * dy^T [oh, ow, n, co], dilated by the stride, stride 1, padded (pt, pb) x (pl, pr) so that it
 * yields kH x kW outputs: out [ci, kH, kW, co], permuted to [kH, kW, ci, co]. The trailing pads
 * pb = kH + (oh - 1) sH - H - pt must be >= 0 (a 'valid' conv that skips the last rows of x has no
 * plan here). Measured against the im2col path (2026-12-07, one process, alternating): 1.40x on
 * [64,14,14,32] -> 64 (k4 s2), 1.86x on [64,7,7,64] -> 32; 0.91x with one input channel and no
 * gain at stride 1, hence the plan's conditions.
 */
import type { backend_util } from '@tensorflow/tfjs-core';

/** Fewer input channels than this: the im2col path wins (x^T's batch of 1-3 rows is too thin). */
export const MIN_FILTER_GRAD_CONV_CHANNELS = 8;

export interface FilterGradConvPlan {
  /** explicit padding of x^T: [[0, 0], [pt, pb], [pl, pr], [0, 0]] */
  pad: [[0, 0], [number, number], [number, number], [0, 0]];
  /** the dilation of the dy filter: the forward conv's strides */
  dilations: [number, number];
}

/** The plan for `info` (NHWC), or undefined where the im2col path is the one to take. */
export function planFilterGradConv(info: backend_util.Conv2DInfo): FilterGradConvPlan | undefined {
  if (info.dataFormat !== 'channelsLast' || info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  if (info.strideHeight * info.strideWidth === 1 || info.inChannels < MIN_FILTER_GRAD_CONV_CHANNELS) return undefined;
  const { top, left } = info.padInfo;
  const bottom = info.filterHeight + (info.outHeight - 1) * info.strideHeight - info.inHeight - top;
  const right = info.filterWidth + (info.outWidth - 1) * info.strideWidth - info.inWidth - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return undefined;
  return { pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [info.strideHeight, info.strideWidth] };
}
