/**
 * `UnsortedSegmentSum` for the wasm backend (missing in tfjs-backend-wasm 4.22; the gradient of
 * `tf.gather`, hence of every embedding, needs it). TensorFlow semantics:
 * out[s, ...] = sum over i with ids[i] == s of x[i, ...], where i runs over the leading
 * `ids.rank` axes of x; ids outside [0, numSegments) are dropped, as on the cpu backend.
 */
import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import { elementCount, heapF32, heapI32, offset32, kernelInput, type WasmBackendLike } from './wasm-backend.js';


/** Adds rows of `src` into rows of `dst` (row length `inner`) as the ids say. */
function scatterAddRows(
  dst: Float32Array | Int32Array,
  dstOff: number,
  src: Float32Array | Int32Array,
  srcOff: number,
  ids: Int32Array,
  idsOff: number,
  numIds: number,
  numSegments: number,
  inner: number,
): void {
  for (let i = 0; i < numIds; i++) {
    const s = ids[idsOff + i];
    if (s < 0 || s >= numSegments) continue;
    const d = dstOff + s * inner;
    const r = srcOff + i * inner;
    for (let j = 0; j < inner; j++) dst[d + j] += src[r + j];
  }
}

/**
 * @param x [...idsShape, ...inner] float32 or int32
 * @param segmentIds int32, its shape a prefix of x's shape
 * @returns [numSegments, ...inner], same dtype as x
 */
export function unsortedSegmentSum(
  x: TensorInfo,
  segmentIds: TensorInfo,
  numSegments: number,
  backend: WasmBackendLike,
): TensorInfo {
  const idRank = segmentIds.shape.length;
  if (segmentIds.dtype !== 'int32') throw new Error(`UnsortedSegmentSum: segmentIds must be int32, got ${segmentIds.dtype}`);
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum: x must be float32 or int32, got ${x.dtype}`);
  if (segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`);
  }
  const innerShape = x.shape.slice(idRank);
  const inner = elementCount(innerShape);
  const out = backend.makeOutput([numSegments, ...innerShape], x.dtype);
  const heap = x.dtype === 'float32' ? heapF32(backend) : heapI32(backend);
  const outOff = offset32(backend, out);
  heap.fill(0, outOff, outOff + numSegments * inner);
  const numIds = elementCount(segmentIds.shape);
  if (numIds > 0 && inner > 0) {
    const ids = heapI32(backend);
    scatterAddRows(heap, outOff, heap, offset32(backend, x), ids, offset32(backend, segmentIds), numIds, numSegments, inner);
  }
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: (({ inputs, attrs, backend }) => {
    const [x, ids] = [kernelInput(inputs, 'x', UnsortedSegmentSum), kernelInput(inputs, 'segmentIds', UnsortedSegmentSum)];
    const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
    return unsortedSegmentSum(x, ids, numSegments, backend as unknown as WasmBackendLike);
  }) as KernelFunc,
};
