/**
 * `Conv2DBackpropInput` (also the forward pass of conv2dTranspose) for the wasm backend. The
 * built-in one is a direct C++ loop, ~10x slower than XNNPACK on DCGAN shapes. On our GEMM when
 * it is loaded (our-conv.ts). Otherwise two exact strategies, both doing the arithmetic in XNNPACK:
 * - sub-pixel (dilation 1, >= 4 input channels): s*s stride-1 XNNPACK convolutions with
 *   sub-filters of W, interleaved into dx (subpixel.ts);
 * - otherwise: cols[M, K] = dy[M, outC] @ W^T[outC, K] on the XNNPACK `BatchMatMul` path (taken
 *   only without transpose flags; it packs its right operand, here the small W^T), then col2im
 *   scatter-adds into dx. With few input channels the sub-pixel GEMMs are only inC wide, and this
 *   is faster (3.4 against 7.3 ms for dx [64, 28, 28, 1] from [64, 14, 14, 32], k4 s2).
 */
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { col2im, patchDims, patchGeometry } from './patches.js';
import { interleavePhase, phaseFilter, phaseHasWork, planSubpixel, type PhasePlan } from './subpixel.js';
import { heapF32, offset32, permute, runWasmKernel, transpose2d, withShape, zerosOutput, kernelInput, type WasmBackendLike } from './wasm-backend.js';
import { matMul } from './our-mat-mul.js';
import { ourConv2DBackpropInput, withNhwc } from './our-conv.js';

type Attrs = Conv2DBackpropInputAttrs & { dilations?: number | [number, number] };

/** Below this many input channels (dx's channels) matmul + col2im beats the sub-pixel convs. */
const MIN_SUBPIXEL_CHANNELS = 4;

/** The phase's stride-1 conv. @returns y [batch, count_h, count_w, inC], owned by the caller */
function phaseConv(dy: TensorInfo, filter: TensorInfo, plan: PhasePlan, info: backend_util.Conv2DInfo, backend: WasmBackendLike): TensorInfo {
  const v = backend.makeOutput([plan.h.taps, plan.w.taps, info.outChannels, info.inChannels], 'float32');
  phaseFilter(heapF32(backend), offset32(backend, filter), offset32(backend, v), plan, info);
  const pad = [[0, 0], [plan.h.before, plan.h.after], [plan.w.before, plan.w.after], [0, 0]];
  const y = runWasmKernel(backend, 'Conv2D', { x: dy, filter: v }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } as never);
  backend.disposeData(v.dataId);
  return y;
}

/** dx by the sub-pixel plan. @param dy [batch, outH, outW, outC] @returns [batch, inH, inW, inC] */
export function bySubpixel(dy: TensorInfo, filter: TensorInfo, plans: PhasePlan[], info: backend_util.Conv2DInfo, backend: WasmBackendLike): TensorInfo {
  if (plans.length === 1) return phaseConv(dy, filter, plans[0], info, backend); // stride 1: y is dx
  const shape = [info.batchSize, info.inHeight, info.inWidth, info.inChannels];
  const working = plans.filter(phaseHasWork);
  const dx = working.length === plans.length ? backend.makeOutput(shape, 'float32') : zerosOutput(backend, shape);
  for (const plan of working) {
    const y = phaseConv(dy, filter, plan, info, backend);
    interleavePhase(heapF32(backend), offset32(backend, y), offset32(backend, dx), plan, info);
    backend.disposeData(y.dataId);
  }
  return dx;
}

/** dx by matmul + col2im. @param dy [batch, outH, outW, outC] @returns [batch, inH, inW, inC] */
export function byCol2im(dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, backend: WasmBackendLike): TensorInfo {
  const g = patchGeometry(info);
  const { m, k } = patchDims(g);
  const wT = transpose2d(backend, filter, k, info.outChannels); // [outC, K]
  const cols = matMul(backend, withShape(dy, [m, info.outChannels]), wT); // [M, K]
  const dx = zerosOutput(backend, [g.batch, g.inH, g.inW, g.inC]);
  col2im(heapF32(backend), offset32(backend, cols), offset32(backend, dx), g);
  backend.disposeData(wT.dataId);
  backend.disposeData(cols.dataId);
  return dx;
}

/**
 * @param dy [batch, outH, outW, outC] (or NCHW when dataFormat is 'NCHW')
 * @param filter [kH, kW, inC, outC]
 * @returns dx with shape attrs.inputShape
 */
export function conv2DBackpropInput(dy: TensorInfo, filter: TensorInfo, attrs: Attrs, backend: WasmBackendLike): TensorInfo {
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const { m, k } = patchDims(patchGeometry(info));
  if (m === 0 || k === 0 || info.outChannels === 0) return zerosOutput(backend, attrs.inputShape);
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const ours = withNhwc(backend, [dy], channelsFirst, ([dyn]) => ourConv2DBackpropInput(backend, dyn, filter, info), true);
  if (ours !== undefined) return ours;
  const dyl = channelsFirst ? permute(backend, dy, [0, 2, 3, 1]) : dy;
  const plans = info.inChannels >= MIN_SUBPIXEL_CHANNELS ? planSubpixel(info) : undefined;
  const dx = plans ? bySubpixel(dyl, filter, plans, info, backend) : byCol2im(dyl, filter, info, backend);
  if (!channelsFirst) return dx;
  backend.disposeData(dyl.dataId);
  const dxFirst = permute(backend, dx, [0, 3, 1, 2]);
  backend.disposeData(dx.dataId);
  return dxFirst;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  setupFunc: setupBuiltin(Conv2DBackpropInput),
  kernelFunc: (({ inputs, attrs, backend }) => {
    const [dy, filter] = [kernelInput(inputs, 'dy', Conv2DBackpropInput), kernelInput(inputs, 'filter', Conv2DBackpropInput)];
    return conv2DBackpropInput(dy, filter, attrs as unknown as Attrs, backend as unknown as WasmBackendLike);
  }) as KernelFunc,
};
