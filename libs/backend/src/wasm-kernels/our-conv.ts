/**
 * 2-D convolutions (NHWC) on our GEMM: the forward pass (Conv2D, FusedConv2D with its bias and
 * activation in the GEMM's epilogue), dW (Conv2DBackpropFilter) and dx (Conv2DBackpropInput, also
 * conv2dTranspose's forward pass), each as products with the patch matrix cols[M, K] (patches.ts
 * for the layout), built by assembly/patches.ts in blocks of rows so that it never exceeds
 * ~4 MiB however large the batch:
 *   y[M, outC] = cols[M, K] @ W[K, outC];  dW[K, outC] = sum over blocks cols^T @ dy;
 *   dx = col2im(dy[M, outC] @ W^T).
 * A 1x1 stride-1 unpadded convolution needs no patches (x is already [M, inC]).
 * Each returns undefined when our GEMM is not loaded; the callers then take their XNNPACK paths.
 */
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { gemmFor, type GemmModule } from './gemm-module.js';
import { patchDims, patchGeometry, type PatchGeometry } from './patches.js';
import { byteOffset as at, elementCount, permute, type WasmBackendLike } from './wasm-backend.js';

/** Patch-matrix floats per block (4 MiB). */
const BLOCK_FLOATS = 1 << 20;

/** Geometry in assembly/patches.ts's argument order. */
const geometryArgs = (g: PatchGeometry) => [g.inH, g.inW, g.inC, g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft];

const isPointwise = (g: PatchGeometry) => g.kH === 1 && g.kW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;

/** Buffers of one convolution's block loop, as byte offsets. */
interface Blocks {
  /** One block of the patch matrix; undefined for a pointwise convolution (x's own rows are its patch matrix). */
  cols?: number;
  /** The GEMM's scratch (every thread's). */
  scratch: number;
  /** The 13 int32 geometry values of assembly/patches.ts, for assembly/conv.ts. */
  geometry: number;
}

/**
 * The loop over row blocks of the patch matrix shared by the three passes: `f` gets rows
 * m0 .. m0 + rows - 1 and the buffers (freed after the loop).
 */
function forEachBlock(backend: WasmBackendLike, gemm: GemmModule, g: PatchGeometry, f: (m0: number, rows: number, b: Blocks) => void): void {
  const { m, k } = patchDims(g);
  const rowsPerBlock = Math.max(4, Math.min(m, Math.floor(BLOCK_FLOATS / Math.max(1, k))));
  const cols = isPointwise(g) ? undefined : backend.makeOutput([rowsPerBlock * k], 'float32');
  const scratch = backend.makeOutput([gemm.scratchFloats()], 'float32');
  const geometry = backend.makeOutput([13], 'int32');
  const b: Blocks = { cols: cols === undefined ? undefined : at(backend, cols), scratch: at(backend, scratch), geometry: at(backend, geometry) };
  new Int32Array(backend.wasm.HEAPU8.buffer, b.geometry, 13).set(geometryArgs(g));
  for (let m0 = 0; m0 < m; m0 += rowsPerBlock) f(m0, Math.min(rowsPerBlock, m - m0), b);
  for (const t of [cols, scratch, geometry]) if (t !== undefined) backend.disposeData(t.dataId);
}

export interface ConvEpilogue {
  /** [outC], or undefined for none. */
  bias?: TensorInfo;
  /** Code from our-mat-mul.ts' ACTIVATION_CODES (0 linear). */
  act: number;
  alpha: number;
}

/**
 * @param x [batch, inH, inW, inC] float32
 * @param filter [kH, kW, inC, outC]
 * @returns act(conv(x, W) + bias): [batch, outH, outW, outC], owned by the caller; undefined without our GEMM
 */
export function ourConv2D(backend: WasmBackendLike, x: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, e: ConvEpilogue): TensorInfo | undefined {
  const gemm = gemmFor(backend.wasm);
  if (gemm === undefined) return undefined;
  const g = patchGeometry(info);
  const { k } = patchDims(g);
  const outC = info.outChannels;
  const y = backend.makeOutput([g.batch, g.outH, g.outW, outC], 'float32');
  const [pw, py, pBias] = [at(backend, filter), at(backend, y), e.bias === undefined ? 0 : at(backend, e.bias)];
  const px = at(backend, x);
  forEachBlock(backend, gemm, g, (m0, rows, { cols, scratch, geometry }) => {
    const y0 = py + m0 * outC * 4;
    if (cols === undefined) gemm.gemm(rows, outC, k, px + m0 * k * 4, k, 1, pw, outC, 1, y0, outC, pBias, e.act, e.alpha, 0, scratch);
    else gemm.convForwardRows(px, geometry, m0, rows, cols, pw, outC, y0, pBias, e.act, e.alpha, scratch);
  });
  return y;
}

/**
 * @param x [batch, inH, inW, inC] @param dy [batch, outH, outW, outC]
 * @returns dW [kH, kW, inC, outC], owned by the caller; undefined without our GEMM
 */
export function ourConv2DBackpropFilter(backend: WasmBackendLike, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | undefined {
  const gemm = gemmFor(backend.wasm);
  if (gemm === undefined) return undefined;
  const g = patchGeometry(info);
  const { k } = patchDims(g);
  const outC = info.outChannels;
  const dW = backend.makeOutput([g.kH, g.kW, g.inC, outC], 'float32');
  const [px, pdy, pdw, geometry] = [at(backend, x), at(backend, dy), at(backend, dW), geometryArgs(g)];
  forEachBlock(backend, gemm, g, (m0, rows, { cols, scratch }) => {
    if (cols !== undefined) gemm.im2col(px, cols, m0, rows, ...geometry);
    // cols^T(i, p) = cols[p, i]; the blocks' products accumulate in dW.
    gemm.gemm(k, outC, rows, cols ?? px + m0 * k * 4, 1, k, pdy + m0 * outC * 4, outC, 1, pdw, outC, 0, 0, 0, m0 > 0 ? 1 : 0, scratch);
  });
  return dW;
}

/**
 * @param dy [batch, outH, outW, outC] @param filter [kH, kW, inC, outC]
 * @returns dx [batch, inH, inW, inC], owned by the caller; undefined without our GEMM
 */
export function ourConv2DBackpropInput(backend: WasmBackendLike, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | undefined {
  const gemm = gemmFor(backend.wasm);
  if (gemm === undefined) return undefined;
  const g = patchGeometry(info);
  const { k } = patchDims(g);
  const outC = info.outChannels;
  const dx = backend.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
  const [pdy, pw, pdx] = [at(backend, dy), at(backend, filter), at(backend, dx)];
  if (!isPointwise(g)) new Uint8Array(backend.wasm.HEAPU8.buffer, pdx, elementCount(dx.shape) * 4).fill(0);
  forEachBlock(backend, gemm, g, (m0, rows, { cols, scratch, geometry }) => {
    const dy0 = pdy + m0 * outC * 4;
    // cols = dy rows @ W^T, W^T(p, j) = W[j, p] with W stored [K, outC]; then added into dx.
    if (cols === undefined) gemm.gemm(rows, k, outC, dy0, outC, 1, pw, 1, outC, pdx + m0 * k * 4, k, 0, 0, 0, 0, scratch);
    else gemm.convInputRows(dy0, pw, outC, cols, geometry, m0, rows, pdx, scratch);
  });
  return dx;
}

/**
 * Runs `f` on NHWC views of NCHW inputs (permuted copies, freed after) or on the inputs as they
 * are; `outputFirst` permutes f's NHWC result back to NCHW.
 */
export function withNhwc(backend: WasmBackendLike, inputs: TensorInfo[], channelsFirst: boolean, f: (nhwc: TensorInfo[]) => TensorInfo | undefined, outputFirst = false): TensorInfo | undefined {
  if (!channelsFirst) return f(inputs);
  if (gemmFor(backend.wasm) === undefined) return undefined;
  const nhwc = inputs.map((t) => permute(backend, t, [0, 2, 3, 1]));
  const out = f(nhwc);
  nhwc.forEach((t) => backend.disposeData(t.dataId));
  if (out === undefined || !outputFirst) return out;
  const first = permute(backend, out, [0, 3, 1, 2]);
  backend.disposeData(out.dataId);
  return first;
}
