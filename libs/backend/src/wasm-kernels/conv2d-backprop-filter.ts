/**
 * `Conv2DBackpropFilter` for the wasm backend (tfjs-backend-wasm 4.22 has none, so conv nets
 * cannot train there). On our GEMM when it is loaded (our-conv.ts). Otherwise: dW[K, outC] = cols^T[K, M] @ dy[M, outC]: im2col as a JS loop directly in
 * the wasm heap, the transpose by the wasm `Transpose` kernel (M padded with zero rows to a
 * cache-friendly count, see transposeFriendlyRows), and the product on the wasm
 * backend's own XNNPACK `BatchMatMul` path. That path is only taken without transpose flags, and
 * it packs (and caches per tensor id) its right operand, so dy, smaller than cols, goes there.
 * Strided convolutions with 8+ input channels take XNNPACK's Conv2D instead (filter-grad-as-conv.ts);
 * where the output rows are at least as long as a patch row (outW >= kW * inC: few input channels),
 * cols^T is written directly from channel-major x and nothing big is transposed.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { type FilterGradConvPlan, planFilterGradConv } from './filter-grad-as-conv.js';
import { im2col, im2colTransposed, patchDims, patchGeometry, type PatchGeometry } from './patches.js';
import { heapF32, offset32, permute, padRows, runWasmKernel, transpose2d, transposeFriendlyRows, withShape, zerosOutput, kernelInput, type WasmBackendLike } from './wasm-backend.js';
import { matMul } from './our-mat-mul.js';
import { ourConv2DBackpropFilter, withNhwc } from './our-conv.js';

/** Attributes as sent by tfjs-core, plus dilations (other frontends, e.g. converted graphs, send them). */
type Attrs = Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

/**
 * cols^T with zero columns up to mp: im2col into [mp, K] (rows past M zero), then transposed.
 * @param x [batch, inH, inW, inC]
 * @returns [K, mp], owned by the caller
 */
function transposedPatches(backend: WasmBackendLike, x: TensorInfo, g: PatchGeometry, mp: number): TensorInfo {
  const { m, k } = patchDims(g);
  const cols = backend.makeOutput([mp, k], 'float32');
  const heap = heapF32(backend);
  const colsOff = offset32(backend, cols);
  im2col(heap, offset32(backend, x), colsOff, g);
  heap.fill(0, colsOff + m * k, colsOff + mp * k);
  const colsT = transpose2d(backend, cols, mp, k);
  backend.disposeData(cols.dataId);
  return colsT;
}

/**
 * dW by one dilated convolution of x^T with dy^T (filter-grad-as-conv.ts).
 * @param x [batch, inH, inW, inC] @param dy [batch, outH, outW, outC]
 * @returns [kH, kW, inC, outC], owned by the caller
 */
function byDilatedConv(backend: WasmBackendLike, x: TensorInfo, dy: TensorInfo, plan: FilterGradConvPlan): TensorInfo {
  const xT = permute(backend, x, [3, 1, 2, 0]); // [inC, inH, inW, batch]
  const dyT = permute(backend, dy, [1, 2, 0, 3]); // [outH, outW, batch, outC]
  const out = runWasmKernel(backend, 'Conv2D', { x: xT, filter: dyT }, { strides: 1, pad: plan.pad, dataFormat: 'NHWC', dilations: plan.dilations } as never); // [inC, kH, kW, outC]
  const dW = permute(backend, out, [1, 2, 0, 3]);
  for (const t of [xT, dyT, out]) backend.disposeData(t.dataId);
  return dW;
}

/**
 * Whether cols^T is cheaper to write directly from channel-major x (runs of outW values, no
 * transpose after) than by im2col (runs of kW * inC values) and a transpose of the big matrix.
 * Measured in one process on the wasm backend (notes in the backend README): 2.8x on
 * [16,32,32,8]->8 k3, 2.6x on [64,28,28,1]->32 k4 s2, 8x on 1x1 convs from 1 channel; where the
 * rule keeps im2col (16+ channels at 16x16 and below) the new layout measured 0.8-0.9x.
 */
export function prefersChannelMajorPatches(g: PatchGeometry): boolean {
  return g.outW >= g.kW * g.inC;
}

/**
 * dW = cols^T @ dy with cols^T [K, M] written from channel-major x (im2colTransposed).
 * @param x [batch, inH, inW, inC] (or NCHW when channelsFirst)
 * @param dy [batch, outH, outW, outC] (or NCHW when channelsFirst)
 * @returns [kH, kW, inC, outC], owned by the caller
 */
function byChannelMajorPatches(
  backend: WasmBackendLike,
  x: TensorInfo,
  dy: TensorInfo,
  g: PatchGeometry,
  channelsFirst: boolean,
  filterShape: number[],
): TensorInfo {
  const { m, k } = patchDims(g);
  const outC = filterShape[3];
  const xT = permute(backend, x, channelsFirst ? [1, 0, 2, 3] : [3, 0, 1, 2]); // [inC, batch, inH, inW]
  const colsT = backend.makeOutput([k, m], 'float32');
  im2colTransposed(heapF32(backend), offset32(backend, xT), offset32(backend, colsT), g);
  const dyl = channelsFirst ? permute(backend, dy, [0, 2, 3, 1]) : dy; // [M, outC] ordered (n, oh, ow)
  const dW = matMul(backend, colsT, withShape(dyl, [m, outC])); // [K, outC]
  for (const t of [xT, colsT, ...(channelsFirst ? [dyl] : [])]) backend.disposeData(t.dataId);
  return withShape(dW, filterShape);
}

/**
 * @param x [batch, inH, inW, inC] (or NCHW when dataFormat is 'NCHW')
 * @param dy [batch, outH, outW, outC] (or NCHW)
 * @returns dW [kH, kW, inC, outC]
 */
export function conv2DBackpropFilter(x: TensorInfo, dy: TensorInfo, attrs: Attrs, backend: WasmBackendLike): TensorInfo {
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const g = patchGeometry(info);
  const { m, k } = patchDims(g);
  const outC = info.outChannels;
  if (m === 0 || k === 0 || outC === 0) return zerosOutput(backend, attrs.filterShape);
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const ours = withNhwc(backend, [x, dy], channelsFirst, ([xl, dyl]) => ourConv2DBackpropFilter(backend, xl, dyl, info));
  if (ours !== undefined) return withShape(ours, attrs.filterShape);
  const plan = planFilterGradConv(info);
  if (plan) return byDilatedConv(backend, x, dy, plan);

  if (prefersChannelMajorPatches(g)) return byChannelMajorPatches(backend, x, dy, g, channelsFirst, attrs.filterShape);

  const xl = channelsFirst ? permute(backend, x, [0, 2, 3, 1]) : x;
  const mp = transposeFriendlyRows(m); // M rows + zero rows, which add nothing to the product
  const colsT = transposedPatches(backend, xl, g, mp); // [K, M']
  // [M', outC] with M ordered (n, oh, ow), from either layout.
  const dyl = channelsFirst ? permute(backend, dy, [0, 2, 3, 1]) : dy;
  const dyp = padRows(backend, dyl, m, outC, mp);
  const dW = matMul(backend, colsT, dyp); // [K, outC]
  for (const t of [colsT, dyp]) backend.disposeData(t.dataId);
  if (channelsFirst) [xl, dyl].forEach((t) => backend.disposeData(t.dataId));
  return withShape(dW, attrs.filterShape);
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: (({ inputs, attrs, backend }) => {
    const [x, dy] = [kernelInput(inputs, 'x', Conv2DBackpropFilter), kernelInput(inputs, 'dy', Conv2DBackpropFilter)];
    return conv2DBackpropFilter(x, dy, attrs as unknown as Attrs, backend as unknown as WasmBackendLike);
  }) as KernelFunc,
};
