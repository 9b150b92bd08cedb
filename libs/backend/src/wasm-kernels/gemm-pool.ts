/**
 * Our GEMM and patch copies on several threads, for tfjs-backend-wasm's threaded build (whose
 * memory is shared): worker_threads that each instantiate the shared-memory build of our module
 * on the backend's own memory, and calls that split their rows between them and the calling
 * thread. `gemm` splits C's rows: each thread computes whole rows with the same order of sums, so
 * the result is bit-identical to one thread. `im2col` splits the patch rows. A convolution
 * block's patch copy and product are one job (one wake), its patch copies split with its product:
 * `convForwardRows` (im2col, then the product) splits rows like `gemm`; `convInputRows` (the
 * product, then col2im) splits at image boundaries (an image's patches scatter only into that
 * image, so no two threads add into the same place). Hand-off through Atomics on a small
 * SharedArrayBuffer (the calling thread waits with Atomics.wait, which Node allows on its main
 * thread). Work under MIN_PARALLEL_WORK multiply-adds (and MIN_PARALLEL_FLOATS patch floats) runs
 * on the calling thread alone: waking a worker costs more than it takes.
 */
import { Worker } from 'node:worker_threads';

/**
 * Multiply-adds below which one thread does a product alone: a worker asleep for a millisecond
 * takes ~75 us to wake (median round trip here; ~11 us when it has just run), so a split pays only
 * for products of several hundred microseconds. At 2^20 the ring8 step (its products 1-2M
 * multiply-adds) took 10.9 ms on 2 threads against 7.7 on 1; at 2^21 with the worker spinning
 * 50 us before it sleeps, 8.7 against 7.2 (4 processes each, alternating).
 */
export const MIN_PARALLEL_WORK = 1 << 23;

/**
 * Floats copied (im2col) or added (col2im) below which one thread does it all. These copies are
 * bound by memory bandwidth, so a second thread gains less than on a product: a block of 2048
 * patch rows x 512 (the reference DCGAN's k4 convolution at batch 64) took 0.38 ms on one thread,
 * 0.27 on two, and that is ~1M floats.
 */
export const MIN_PARALLEL_FLOATS = 1 << 18;

/** Float64 slots of one job: the operation, then up to 19 arguments. */
const SLOTS = 20;

/** The module exports a job may call, by operation number. */
const OPERATIONS = ['gemm', 'im2col', 'convForwardRows', 'convInputRows'] as const;

/** Runs in each worker: instantiate, then wait for a generation, run its job (if any), count it done. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, args, index } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const operations = ${JSON.stringify(OPERATIONS)}.map((name) => exports[name]);
const c = new Int32Array(control);
const a = new Float64Array(args);
let seen = 0;
for (;;) {
  Atomics.wait(c, 0, seen);
  seen = Atomics.load(c, 0);
  const o = index * ${SLOTS};
  if (a[o] >= 0) operations[a[o]](...a.subarray(o + 1, o + ${SLOTS}));
  Atomics.add(c, 1, 1);
  Atomics.notify(c, 1);
}
`;

type Wasm = (...args: number[]) => void;

export type PoolExports = Record<(typeof OPERATIONS)[number], Wasm>;

/**
 * The exports that split, each splitting its work across `threads` threads (the calling one included).
 * @param single the calling thread's instance of the shared-memory build
 * @param scratchFloats one thread's GEMM scratch (floats); `gemm`'s scratch must hold `threads` of them
 */
export function createGemmPool(module: WebAssembly.Module, memory: WebAssembly.Memory, single: PoolExports, threads: number, scratchFloats: number): PoolExports {
  const control = new SharedArrayBuffer(8);
  const args = new SharedArrayBuffer(threads * SLOTS * 8);
  const c = new Int32Array(control);
  const a = new Float64Array(args);
  for (let index = 1; index < threads; index++) {
    new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, args, index } }).unref();
  }
  /** Runs parts[0] here and parts[t] on worker t (none: that worker skips this round). */
  const run = (operation: (typeof OPERATIONS)[number], parts: number[][]) => {
    for (let t = 1; t < threads; t++) {
      a[t * SLOTS] = t < parts.length ? OPERATIONS.indexOf(operation) : -1;
      if (t < parts.length) a.set(parts[t], t * SLOTS + 1);
    }
    Atomics.store(c, 1, 0);
    Atomics.add(c, 0, 1);
    Atomics.notify(c, 0);
    single[operation](...parts[0]);
    for (let done = Atomics.load(c, 1); done < threads - 1; done = Atomics.load(c, 1)) Atomics.wait(c, 1, done);
  };
  /** Splits [0, total) into `threads` ranges whose bounds are multiples of `unit`. */
  const ranges = (total: number, unit: number) => {
    const per = Math.ceil(total / unit / threads) * unit;
    return Array.from({ length: threads }, (_, t) => [Math.min(total, t * per), Math.min(total, (t + 1) * per)]).filter(([r0, r1]) => r1 > r0);
  };
  /**
   * Splits patch rows [m0, m0 + rows) at image boundaries (perImage rows an image) into absolute
   * row ranges, so no two threads scatter into the same image; undefined for fewer than 2 images.
   */
  const imageRanges = (m0: number, rows: number, perImage: number) => {
    const first = Math.floor(m0 / perImage);
    const images = Math.ceil((m0 + rows) / perImage) - first;
    if (images < 2) return undefined;
    return ranges(images, 1).map(([i0, i1]) => [Math.max(m0, (first + i0) * perImage), Math.min(m0 + rows, (first + i1) * perImage)]);
  };
  /** Whether a convolution block (its product and patch copy) is worth a split. */
  const convSplits = (rows: number, k: number, outC: number) => rows >= 8 * threads && (rows * k * outC >= MIN_PARALLEL_WORK || rows * k >= MIN_PARALLEL_FLOATS);
  /** K and the rows of one image, from the 13 geometry values at byte offset `geometry`. */
  const patchShape = (geometry: number) => {
    const g = new Int32Array(memory.buffer, geometry, 13);
    return { k: g[5] * g[6] * g[2], perImage: g[3] * g[4] };
  };
  return {
    gemm: (m, n, k, pa, ai, ap, pb, bp, bj, pc, ldc, bias, act, alpha, accumulate, scratch) => {
      if (m * n * k < MIN_PARALLEL_WORK || m < 8 * threads) return single.gemm(m, n, k, pa, ai, ap, pb, bp, bj, pc, ldc, bias, act, alpha, accumulate, scratch);
      const parts = ranges(m, 4).map(([r0, r1], t) => [r1 - r0, n, k, pa + r0 * ai * 4, ai, ap, pb, bp, bj, pc + r0 * ldc * 4, ldc, bias, act, alpha, accumulate, scratch + t * scratchFloats * 4]);
      run('gemm', parts);
    },
    im2col: (x, cols, m0, rows, ...g) => {
      const k = g[5] * g[6] * g[2]; // kH kW inC
      if (rows * k < MIN_PARALLEL_FLOATS) return single.im2col(x, cols, m0, rows, ...g);
      run('im2col', ranges(rows, 1).map(([r0, r1]) => [x, cols + r0 * k * 4, m0 + r0, r1 - r0, ...g]));
    },
    convForwardRows: (x, geometry, m0, rows, cols, w, outC, y, bias, act, alpha, scratch) => {
      const { k } = patchShape(geometry);
      if (!convSplits(rows, k, outC)) return single.convForwardRows(x, geometry, m0, rows, cols, w, outC, y, bias, act, alpha, scratch);
      const parts = ranges(rows, 4).map(([r0, r1], t) => [x, geometry, m0 + r0, r1 - r0, cols + r0 * k * 4, w, outC, y + r0 * outC * 4, bias, act, alpha, scratch + t * scratchFloats * 4]);
      run('convForwardRows', parts);
    },
    convInputRows: (dy, w, outC, cols, geometry, m0, rows, dx, scratch) => {
      const { k, perImage } = patchShape(geometry);
      const split = convSplits(rows, k, outC) ? imageRanges(m0, rows, perImage) : undefined;
      if (split === undefined) return single.convInputRows(dy, w, outC, cols, geometry, m0, rows, dx, scratch);
      const parts = split.map(([r0, r1], t) => [dy + (r0 - m0) * outC * 4, w, outC, cols + (r0 - m0) * k * 4, geometry, r0, r1 - r0, dx, scratch + t * scratchFloats * 4]);
      run('convInputRows', parts);
    },
  };
}
