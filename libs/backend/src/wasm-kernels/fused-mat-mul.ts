/**
 * `_FusedMatMul` for the wasm backend (dense layers run as one kernel: tfjs-layers' Dense and
 * @stablegen/layers' fusedDense): our GEMM with the bias and the activation applied as each tile
 * is stored (our-mat-mul.ts). PReLU weights, other activations (elu, sigmoid, ...) and anything
 * else our GEMM does not run go to the built-in XNNPACK kernel.
 */
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { setupBuiltin } from './builtins.js';
import { ourMatMul } from './our-mat-mul.js';
import { kernelInput, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

export const FUSED_MAT_MUL = '_FusedMatMul';

interface FusedMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}

export const fusedMatMulConfig: KernelConfig = {
  kernelName: FUSED_MAT_MUL,
  backendName: 'wasm',
  setupFunc: setupBuiltin(FUSED_MAT_MUL),
  kernelFunc: (({ inputs, attrs, backend }) => {
    const wasm = backend as unknown as WasmBackendLike;
    const [a, b] = [kernelInput(inputs, 'a', FUSED_MAT_MUL), kernelInput(inputs, 'b', FUSED_MAT_MUL)];
    const { bias, preluActivationWeights } = inputs as { bias?: TensorInfo; preluActivationWeights?: TensorInfo };
    const o = attrs as unknown as FusedMatMulAttrs;
    const ours = preluActivationWeights == null ? ourMatMul(wasm, a, b, { ...o, bias: bias ?? undefined }) : undefined;
    return ours ?? runWasmKernel(wasm, FUSED_MAT_MUL, inputs as Record<string, TensorInfo>, attrs as never);
  }) as KernelFunc,
};
