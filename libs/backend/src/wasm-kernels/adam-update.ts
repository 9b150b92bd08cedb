/**
 * `StablegenAdamUpdate` (see @stablegen/optimizers) for the wasm backend: x', m', v' for one
 * variable, bit-identical to tfjs's 14-kernel Adam update. Where our module is loaded
 * (gemm-module.ts), one SIMD pass of assembly/adam.ts does it, whatever the size. Without it:
 * small variables are updated by one JavaScript pass over the wasm heap (~16-20 ns an element,
 * no dispatch); from `ADAM_SIMD_FROM` elements on, the same operations run as the wasm
 * backend's own SIMD elementwise kernels, called directly (no engine, no tape: ~3 us each
 * instead of ~7). Measured per variable, one process, load ~4 (stock / JS pass / SIMD kernels,
 * us): 64 elements 113 / 23 / 71, 1,024: 134 / 47 / 79, 4,096: 123 / 96 / 89, 8,192: 153 / 174 / 127.
 */
import { Add, Multiply, RealDiv, Sqrt, Square, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { ADAM_UPDATE, adamConstants, adamUpdateInto, type AdamConstants, type AdamUpdateAttrs } from '@stablegen/optimizers';
import { gemmFor } from './gemm-module.js';
import { byteOffset, elementCount, heapF32, kernelInput, offset32, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

/** Variables with at least this many elements take the SIMD-kernel path. */
export const ADAM_SIMD_FROM = 4096;

interface ScalarBackend extends WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

/** A float32 scalar holding `value`, owned by the caller. */
function scalarOf(backend: ScalarBackend, value: number): TensorInfo {
  const s = backend.makeOutput([], 'float32');
  heapF32(backend)[offset32(backend, s)] = value;
  return s;
}

/** The stock update's operations, in its order, as built-in wasm kernels. @returns [x', m', v'] */
function updateWithKernels(backend: ScalarBackend, t: Record<'x' | 'm' | 'v' | 'gradient', TensorInfo>, c: AdamConstants): TensorInfo[] {
  const temps: TensorInfo[] = [];
  const run = (name: string, inputs: Record<string, TensorInfo>) => {
    const out = runWasmKernel(backend, name, inputs);
    temps.push(out);
    return out;
  };
  const k = (value: number) => {
    const s = scalarOf(backend, value);
    temps.push(s);
    return s;
  };
  const mul = (a: TensorInfo, b: TensorInfo) => run(Multiply, { a, b });
  const add = (a: TensorInfo, b: TensorInfo) => run(Add, { a, b });
  const div = (a: TensorInfo, b: TensorInfo) => run(RealDiv, { a, b });
  const m = add(mul(t.m, k(c.beta1)), mul(t.gradient, k(c.oneMinusBeta1)));
  const v = add(mul(t.v, k(c.beta2)), mul(run(Square, { x: t.gradient }), k(c.oneMinusBeta2)));
  const denominator = add(run(Sqrt, { x: div(v, k(c.correction2)) }), k(c.epsilon));
  const x = add(mul(div(div(m, k(c.correction1)), denominator), k(c.negLearningRate)), t.x);
  const keep = [x, m, v];
  for (const temp of temps) if (!keep.includes(temp)) backend.disposeData(temp.dataId);
  return keep;
}

export function adamUpdate(inputs: Record<string, TensorInfo | undefined>, attrs: AdamUpdateAttrs, backend: ScalarBackend): TensorInfo[] {
  const get = (name: string) => kernelInput(inputs as Record<string, TensorInfo>, name, ADAM_UPDATE);
  const t = { x: get('x'), m: get('m'), v: get('v'), gradient: get('gradient') };
  const heap0 = heapF32(backend);
  const c = adamConstants(attrs, heap0[offset32(backend, get('accBeta1'))], heap0[offset32(backend, get('accBeta2'))]);
  const n = elementCount(t.x.shape);
  const ours = gemmFor(backend.wasm);
  if (ours === undefined && n >= ADAM_SIMD_FROM) return updateWithKernels(backend, t, c);
  const shape = [...t.x.shape];
  const out = { x: backend.makeOutput(shape, 'float32'), m: backend.makeOutput(shape, 'float32'), v: backend.makeOutput(shape, 'float32') };
  if (ours !== undefined) {
    const p = (ti: TensorInfo) => byteOffset(backend, ti);
    ours.adamUpdate(p(t.x), p(t.m), p(t.v), p(t.gradient), n, c.beta1, c.beta2, c.oneMinusBeta1, c.oneMinusBeta2, c.correction1, c.correction2, c.epsilon, c.negLearningRate, p(out.x), p(out.m), p(out.v));
    return [out.x, out.m, out.v];
  }
  const heap = heapF32(backend); // after the last allocation
  const at = (ti: TensorInfo) => offset32(backend, ti);
  adamUpdateInto(
    n,
    c,
    { x: heap, xAt: at(t.x), m: heap, mAt: at(t.m), v: heap, vAt: at(t.v), g: heap, gAt: at(t.gradient) },
    { x: heap, xAt: at(out.x), m: heap, mAt: at(out.m), v: heap, vAt: at(out.v) },
  );
  return [out.x, out.m, out.v];
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: (({ inputs, attrs, backend }) => adamUpdate(inputs, attrs as unknown as AdamUpdateAttrs, backend as unknown as ScalarBackend)) as KernelFunc,
};
