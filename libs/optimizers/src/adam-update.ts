/**
 * One Adam step for one variable as a single kernel, `StablegenAdamUpdate`: the arithmetic that
 * tfjs's `AdamOptimizer.applyGradients` does in 14 kernel calls per variable, done in one pass,
 * rounded to float32 after every operation in the same order, so the result is bit-identical to
 * the stock update (float64 holds every float32 +, -, *, / and sqrt exactly enough that rounding it
 * to float32 gives the correctly rounded float32 result: 53 >= 2 * 24 + 2).
 *
 *   m' = beta1 m + (1 - beta1) g
 *   v' = beta2 v + (1 - beta2) g^2
 *   x' = x - lr (m' / (1 - beta1^t)) / (sqrt(v' / (1 - beta2^t)) + eps)
 *
 * with beta^t read from the optimiser's float32 accumulators (`accBeta1`, `accBeta2`).
 * `@stablegen/backend` registers the kernel on wasm; this package registers it on cpu.
 */
import { registerKernel, getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

export const ADAM_UPDATE = 'StablegenAdamUpdate';

/** Kernel inputs: x, m, v, gradient (same shape, float32), accBeta1, accBeta2 (float32 scalars). */
export const ADAM_UPDATE_INPUTS = ['x', 'm', 'v', 'gradient', 'accBeta1', 'accBeta2'] as const;

export interface AdamUpdateAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

/** The float32 constants the stock update multiplies by, and the bias corrections 1 - beta^t. */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  /** 1 - beta1^t */
  correction1: number;
  /** 1 - beta2^t */
  correction2: number;
  epsilon: number;
  negLearningRate: number;
}

const f = Math.fround;

/** The constants as the stock update's scalar tensors hold them (float32). */
export function adamConstants(attrs: AdamUpdateAttrs, accBeta1: number, accBeta2: number): AdamConstants {
  return {
    beta1: f(attrs.beta1),
    beta2: f(attrs.beta2),
    oneMinusBeta1: f(1 - attrs.beta1),
    oneMinusBeta2: f(1 - attrs.beta2),
    correction1: f(1 - f(accBeta1)),
    correction2: f(1 - f(accBeta2)),
    epsilon: f(attrs.epsilon),
    negLearningRate: f(-attrs.learningRate),
  };
}

/**
 * Writes x', m', v' for elements [0, n) of arrays that may share one buffer (the wasm heap):
 * each array is addressed as (buffer, offset). Outputs must not overlap the inputs.
 */
export function adamUpdateInto(
  n: number,
  c: AdamConstants,
  src: { x: Float32Array; xAt: number; m: Float32Array; mAt: number; v: Float32Array; vAt: number; g: Float32Array; gAt: number },
  dst: { x: Float32Array; xAt: number; m: Float32Array; mAt: number; v: Float32Array; vAt: number },
): void {
  const { beta1, beta2, oneMinusBeta1, oneMinusBeta2, correction1, correction2, epsilon, negLearningRate } = c;
  for (let i = 0; i < n; i++) {
    const g = src.g[src.gAt + i];
    const m = f(f(src.m[src.mAt + i] * beta1) + f(g * oneMinusBeta1));
    const v = f(f(src.v[src.vAt + i] * beta2) + f(f(g * g) * oneMinusBeta2));
    const step = f(f(m / correction1) / f(f(Math.sqrt(f(v / correction2))) + epsilon));
    dst.m[dst.mAt + i] = m;
    dst.v[dst.vAt + i] = v;
    dst.x[dst.xAt + i] = f(f(step * negLearningRate) + src.x[src.xAt + i]);
  }
}

/** The parts of tfjs-backend-cpu's `MathBackendCPU` the cpu kernel uses. */
interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const adamUpdateCpu: KernelFunc = ({ inputs, attrs, backend }) => {
  const cpu = backend as unknown as CpuBackendLike;
  const values = (name: (typeof ADAM_UPDATE_INPUTS)[number]) => {
    const t = inputs[name];
    if (t === undefined) throw new Error(`${ADAM_UPDATE}: missing input '${name}'`);
    return cpu.data.get(t.dataId).values as Float32Array;
  };
  const [x, m, v, g] = [values('x'), values('m'), values('v'), values('gradient')];
  const c = adamConstants(attrs as AdamUpdateAttrs, values('accBeta1')[0], values('accBeta2')[0]);
  const out = { x: new Float32Array(x.length), m: new Float32Array(x.length), v: new Float32Array(x.length) };
  adamUpdateInto(x.length, c, { x, xAt: 0, m, mAt: 0, v, vAt: 0, g, gAt: 0 }, { ...out, xAt: 0, mAt: 0, vAt: 0 });
  const shape = [...inputs.x!.shape];
  return [cpu.makeTensorInfo(shape, 'float32', out.x), cpu.makeTensorInfo(shape, 'float32', out.m), cpu.makeTensorInfo(shape, 'float32', out.v)];
};

const cpuConfig: KernelConfig = { kernelName: ADAM_UPDATE, backendName: 'cpu', kernelFunc: adamUpdateCpu };

let cpuRegistered = false;

/** Registers the cpu kernel, once per process (a later unregisterKernel stays in force). */
export function registerAdamUpdateCpu(): void {
  if (cpuRegistered) return;
  cpuRegistered = true;
  if (getKernel(ADAM_UPDATE, 'cpu') === undefined) registerKernel(cpuConfig);
}
