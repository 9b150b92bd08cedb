/**
 * Our GEMM on several threads, for tfjs-backend-wasm's threaded build (whose memory is shared):
 * worker_threads that each instantiate the shared-memory build of our module on the backend's
 * own memory, and one call that splits C's rows between them and the calling thread. Each thread
 * computes whole rows with the same order of sums, so the result is bit-identical to one thread.
 * Hand-off through Atomics on a small SharedArrayBuffer (the calling thread waits with
 * Atomics.wait, which Node allows on its main thread). Products under MIN_PARALLEL_MACS run on
 * the calling thread alone: waking a worker costs more than they take.
 */
import { Worker } from 'node:worker_threads';

/** Multiply-adds below which one thread does the whole product (~60 us of work). */
export const MIN_PARALLEL_MACS = 1 << 20;

/** Float64 slots of one job: 16 arguments of `gemm`. */
const ARGS = 16;

/** Runs in each worker: instantiate, then wait for a generation, run its job, count it done. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, args, index } = workerData;
const { gemm } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const a = new Float64Array(args);
let seen = 0;
for (;;) {
  Atomics.wait(c, 0, seen);
  seen = Atomics.load(c, 0);
  const o = index * ${ARGS};
  gemm(a[o], a[o + 1], a[o + 2], a[o + 3], a[o + 4], a[o + 5], a[o + 6], a[o + 7], a[o + 8], a[o + 9], a[o + 10], a[o + 11], a[o + 12], a[o + 13], a[o + 14], a[o + 15]);
  Atomics.add(c, 1, 1);
  Atomics.notify(c, 1);
}
`;

export type GemmFunction = (
  m: number, n: number, k: number, a: number, ai: number, ap: number, b: number, bp: number, bj: number,
  c: number, ldc: number, bias: number, act: number, alpha: number, accumulate: number, scratch: number,
) => void;

export interface GemmPool {
  /** Threads that share one product, the calling one included. */
  threads: number;
  /** `gemm` with C's rows split across the threads; scratch must hold `threads` times one thread's. */
  gemm: GemmFunction;
}

/**
 * @param single the calling thread's instance of the shared-memory build
 * @param scratchFloats one thread's scratch (floats)
 */
export function createGemmPool(module: WebAssembly.Module, memory: WebAssembly.Memory, single: GemmFunction, threads: number, scratchFloats: number): GemmPool {
  const control = new SharedArrayBuffer(8);
  const args = new SharedArrayBuffer(threads * ARGS * 8);
  const c = new Int32Array(control);
  const a = new Float64Array(args);
  for (let index = 1; index < threads; index++) {
    new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, args, index } }).unref();
  }
  const gemm: GemmFunction = (m, n, k, pa, ai, ap, pb, bp, bj, pc, ldc, bias, act, alpha, accumulate, scratch) => {
    if (m * n * k < MIN_PARALLEL_MACS || m < 8 * threads) {
      single(m, n, k, pa, ai, ap, pb, bp, bj, pc, ldc, bias, act, alpha, accumulate, scratch);
      return;
    }
    const rows = Math.ceil(m / threads / 4) * 4; // whole 4-row tiles per thread
    const part = (t: number) => {
      const r0 = Math.min(m, t * rows);
      return [Math.min(rows, m - r0), n, k, pa + r0 * ai * 4, ai, ap, pb, bp, bj, pc + r0 * ldc * 4, ldc, bias, act, alpha, accumulate, scratch + t * scratchFloats * 4];
    };
    for (let t = 1; t < threads; t++) a.set(part(t), t * ARGS);
    Atomics.store(c, 1, 0);
    Atomics.add(c, 0, 1);
    Atomics.notify(c, 0);
    const [m0, ...rest] = part(0);
    single(m0, ...(rest as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number]));
    for (let done = Atomics.load(c, 1); done < threads - 1; done = Atomics.load(c, 1)) Atomics.wait(c, 1, done);
  };
  return { threads, gemm };
}
