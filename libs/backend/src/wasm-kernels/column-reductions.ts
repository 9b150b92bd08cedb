/**
 * `Sum` and `Mean` for the wasm backend, over any axes but the innermost. The built-ins reduce
 * only innermost axes: for any other they first transpose x (a full copy), then reduce. A bias's
 * gradient sums dy [batch, h, w, c] over the leading axes, and batch norm takes the mean over
 * them: that transposing sum took ~1.2 ms for [64, 14, 14, 32] (6% of the reference DCGAN step at
 * batch 64), ours ~0.1. Progressive's 2x2 average pooling takes the mean of [b, h/2, 2, w/2, 2, c]
 * over axes 2 and 4 (and its upsampling's gradient the sum). float32, on our module
 * (assembly/reduce.ts), on the calling thread:
 * - leading axes (0 .. r-1): column sums of x viewed as [rows, cols], rows summed in blocks of 256;
 * - other axes, the last one kept: for each kept position, the sum of the innermost kept run over
 *   every reduced position, in the row-major order of the reduced axes (as the built-in's
 *   sequential sum after its transpose), positions given as offset tables.
 * Everything else (the innermost axis reduced, all axes, other dtypes, our module not loaded)
 * goes to the built-in.
 */
import { backend_util, Mean, Sum, util, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { gemmFor } from './gemm-module.js';
import { byteOffset, elementCount, heapI32, kernelInput, offset32, replacementKernel, runWasmKernel, type WasmBackendLike } from './wasm-backend.js';

/**
 * How many leading axes `axis` reduces when it is exactly 0 .. r-1 for some 0 < r < rank, else
 * undefined (not a column reduction).
 */
export function leadingAxes(axis: number | number[], rank: number): number | undefined {
  const axes = [...new Set(util.parseAxisParam(axis, new Array(rank).fill(1)))].sort((a, b) => a - b);
  const r = axes.length;
  return r > 0 && r < rank && axes.every((a, i) => a === i) ? r : undefined;
}

/** Offsets (in floats) of every position of `groups` (row-major over them), each group [size, stride]. */
function offsets(groups: [number, number][]): Int32Array {
  const out = new Int32Array(groups.reduce((p, [size]) => p * size, 1));
  let n = 1;
  out[0] = 0;
  for (const [size, stride] of groups) {
    // Each existing offset, followed by its copies shifted along this group (row-major: this group varies fastest).
    for (let i = n - 1; i >= 0; i--) for (let k = size - 1; k >= 0; k--) out[i * size + k] = out[i] + k * stride;
    n *= size;
  }
  return out;
}

/**
 * A reduction over `axes` (sorted, distinct) of x [shape], the innermost axis kept: consecutive
 * axes of one kind merged into groups [size, stride]; the last kept group is the contiguous run.
 */
export function gatherPlan(shape: readonly number[], axes: readonly number[]): { cols: number; outer: Int32Array; red: Int32Array } | undefined {
  const rank = shape.length;
  if (axes.length === 0 || axes.includes(rank - 1)) return undefined;
  const strides = shape.map((_, d) => elementCount(shape.slice(d + 1)));
  const groups: { reduced: boolean; size: number; stride: number }[] = [];
  shape.forEach((size, d) => {
    const reduced = axes.includes(d);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.reduced === reduced) {
      last.size *= size;
      last.stride = strides[d];
    } else {
      groups.push({ reduced, size, stride: strides[d] });
    }
  });
  const run = groups.pop()!; // kept, stride 1
  const [kept, reduced] = [groups.filter((g) => !g.reduced), groups.filter((g) => g.reduced)];
  const pairs = (gs: typeof groups) => gs.map((g): [number, number] => [g.size, g.stride]);
  return { cols: run.size, outer: offsets(pairs(kept)), red: offsets(pairs(reduced)) };
}

/**
 * @param x float32, reduced over `axis` (attrs as tf.sum / tf.mean)
 * @returns the kept axes (the reduced ones as ones with keepDims), owned by the caller
 */
export function columnReduction(kernelName: typeof Sum | typeof Mean, x: TensorInfo, attrs: SumAttrs, backend: WasmBackendLike): TensorInfo {
  const rank = x.shape.length;
  const axes = [...new Set(util.parseAxisParam(attrs.axis, [...x.shape]))].sort((a, b) => a - b);
  const gemm = x.dtype === 'float32' ? gemmFor(backend.wasm) : undefined;
  const r = leadingAxes(attrs.axis, rank);
  const plan = gemm !== undefined && r === undefined && axes.length < rank ? gatherPlan(x.shape, axes) : undefined;
  if (gemm === undefined || (r === undefined && plan === undefined)) return runWasmKernel(backend, kernelName, { x }, attrs as never);
  const kept = x.shape.filter((_, d) => !axes.includes(d));
  const out = backend.makeOutput(attrs.keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept, 'float32');
  const at = (t: TensorInfo) => byteOffset(backend, t);
  const count = elementCount(axes.map((d) => x.shape[d]));
  const divisor = kernelName === Mean ? count : 1;
  if (elementCount(kept) === 0) return out;
  if (plan === undefined) {
    gemm.columnSums(at(x), count, elementCount(kept), 0, elementCount(kept), divisor, at(out));
    return out;
  }
  const table = backend.makeOutput([plan.outer.length + plan.red.length], 'int32');
  const heap = heapI32(backend);
  heap.set(plan.outer, offset32(backend, table));
  heap.set(plan.red, offset32(backend, table) + plan.outer.length);
  gemm.gatherSums(at(x), plan.cols, at(table), plan.outer.length, at(table) + 4 * plan.outer.length, plan.red.length, divisor, at(out));
  backend.disposeData(table.dataId);
  return out;
}

const config = (kernelName: typeof Sum | typeof Mean) =>
  replacementKernel(kernelName, (inputs, attrs, backend) => columnReduction(kernelName, kernelInput(inputs, 'x', kernelName), attrs as unknown as SumAttrs, backend));

export const sumConfig = config(Sum);
export const meanConfig = config(Mean);
