/**
 * `Conv2D` and `FusedConv2D` (convolution + bias + activation, what tfjs-layers' Conv2D and
 * @stablegen/layers' fusedConv2d run) for the wasm backend: on our GEMM with im2col (our-conv.ts),
 * the bias and relu / leakyrelu / relu6 in the GEMM's epilogue. Depthwise, PReLU weights, other
 * activations, non-float32 inputs, and anything when our GEMM is not loaded go to the built-in
 * XNNPACK kernels.
 */
import { backend_util, Conv2D, FusedConv2D, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { ourConv2D, withNhwc } from './our-conv.js';
import { ACTIVATION_CODES } from './our-mat-mul.js';
import { elementCount, kernelInput, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
  leakyreluAlpha?: number;
}

/** Our convolution, or undefined when it is not ours to run. */
function tryOurs(backend: WasmBackendLike, inputs: Record<string, TensorInfo | undefined>, attrs: ConvAttrs): TensorInfo | undefined {
  const { x, filter, bias, preluActivationWeights } = inputs;
  if (x === undefined || filter === undefined || preluActivationWeights != null) return undefined;
  const act = ACTIVATION_CODES[attrs.activation ?? 'linear'];
  if (act === undefined || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4 || filter.shape.length !== 4) return undefined;
  const outC = filter.shape[3];
  if (bias != null && (bias.dtype !== 'float32' || elementCount(bias.shape) !== outC)) return undefined;
  const dataFormat = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filter.shape as [number, number, number, number], attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, false, dataFormat);
  if (info.inChannels !== filter.shape[2]) return undefined; // the built-in names the mismatch
  const epilogue = { bias: bias ?? undefined, act, alpha: attrs.leakyreluAlpha ?? 0 };
  return withNhwc(backend, [x], dataFormat === 'channelsFirst', ([xl]) => ourConv2D(backend, xl, filter, info, epilogue), true);
}

const convConfig = (kernelName: string): KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  setupFunc: setupBuiltin(kernelName),
  kernelFunc: (({ inputs, attrs, backend }) => {
    kernelInput(inputs, 'x', kernelName);
    kernelInput(inputs, 'filter', kernelName);
    const wasm = backend as unknown as WasmBackendLike;
    return tryOurs(wasm, inputs as Record<string, TensorInfo>, attrs as unknown as ConvAttrs) ?? runWasmKernel(wasm, kernelName, inputs as Record<string, TensorInfo>, attrs as never);
  }) as KernelFunc,
});

export const conv2DConfig = convConfig(Conv2D);
export const fusedConv2DConfig = convConfig(FusedConv2D);
