/**
 * Loads our module (libs/backend/assembly/: the GEMM, patch copies, convolution rows, column
 * reductions, element-wise kernels and the Adam update; compiled by `npx nx run backend:build-wasm`
 * into libs/backend/wasm-out/) into the wasm backend's own memory.
 * Two builds of one source: relaxed SIMD (fused multiply-add; Node 20 validates it only behind
 * V8's --experimental-wasm-relaxed-simd, which is set here at run time, before compiling), else
 * plain SIMD; each also built for shared memory, which tfjs-backend-wasm's threaded build has:
 * there the products are split across worker threads (gemm-pool.ts), as many as the backend's.
 * Not used, and XNNPACK's products run instead, when the binaries are not built or
 * STABLEGEN_GEMM=xnnpack. `gemmStatus()` says which and why.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import { wasmThreads, xnnpackThreads } from '../wasm-threads.js';
import { createGemmPool } from './gemm-pool.js';

export type GemmVariant = 'relaxed-simd' | 'simd';

/** The module's exports (assembly/*.ts); pointers are byte offsets into the backend's heap. */
export interface GemmModule {
  variant: GemmVariant;
  gemm(m: number, n: number, k: number, a: number, ai: number, ap: number, b: number, bp: number, bj: number, c: number, ldc: number, bias: number, act: number, alpha: number, accumulate: number, scratch: number): void;
  /** Floats of scratch one `gemm` call needs (every thread's). */
  scratchFloats(): number;
  /** assembly/patches.ts: im2col over patch rows [m0, m0 + rows); geometry as there. */
  im2col(x: number, cols: number, m0: number, rows: number, ...geometry: number[]): void;
  /**
   * assembly/conv.ts: a convolution's patch copy and product over patch rows [m0, m0 + rows) in one
   * call (split across threads as one job); `geometry` points at the 13 int32 values of patches.ts.
   * Pointers other than x / dx and geometry address row m0.
   */
  convForwardRows(x: number, geometry: number, m0: number, rows: number, cols: number, w: number, outC: number, y: number, bias: number, act: number, alpha: number, scratch: number): void;
  convInputRows(dy: number, w: number, outC: number, cols: number, geometry: number, m0: number, rows: number, dx: number, scratch: number): void;
  /**
   * assembly/reduce.ts: out[j] = (sum over the rows of x[rows, cols], row-major) / divisor, for j0 <= j < j1.
   * Always on the calling thread: bound by memory, ~0.1 ms for [12544, 32], and a second thread
   * did not make it faster (0.09-0.10 ms on one, 0.10-0.22 on two).
   */
  columnSums(x: number, rows: number, cols: number, j0: number, j1: number, divisor: number, out: number): void;
  /** assembly/reduce.ts: out[o, j] = (sum over r of x[outer[o] + red[r] + j]) / divisor (offset tables: int32, in floats). */
  gatherSums(x: number, cols: number, outer: number, nOuter: number, red: number, nRed: number, divisor: number, out: number): void;
  /** assembly/elementwise.ts (calling thread): out = leakyRelu(x[n]), tanh(x[n]), x[rows, cols] op b[cols] (op 0 add, 1 multiply), batch norm per column. */
  leakyRelu(x: number, n: number, alpha: number, out: number): void;
  tanh(x: number, n: number, out: number): void;
  binaryRow(op: number, x: number, b: number, rows: number, cols: number, out: number): void;
  batchNorm(x: number, rows: number, cols: number, mean: number, variance: number, scale: number, offset: number, eps: number, out: number): void;
  /** assembly/adam.ts (calling thread): x', m', v' of one variable of n floats, bit-identical to tf.train.adam's kernels. */
  adamUpdate(x: number, m: number, v: number, g: number, n: number, beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, correction1: number, correction2: number, epsilon: number, negLearningRate: number, xOut: number, mOut: number, vOut: number): void;
}

/** Where `npx nx run backend:build-wasm` writes the builds (gemm-<variant>.wasm, gemm-<variant>-shared.wasm). */
export const GEMM_BUILD_DIR = fileURLToPath(new URL('../../wasm-out/', import.meta.url));

/** The part of tfjs-backend-wasm's Emscripten module that holds its memory. */
interface EmscriptenLike {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
}

/** 'ours' = the relaxed build where this Node compiles it, else the plain one. */
export type GemmPreference = 'ours' | GemmVariant | 'xnnpack';

let preference: GemmPreference = process.env.STABLEGEN_GEMM === 'xnnpack' ? 'xnnpack' : 'ours';
const instances = new Map<string, WeakMap<WebAssembly.Memory, { module?: GemmModule; status: string }>>();
let status = 'XNNPACK matrix products (no wasm backend yet)';

/** Chooses whose matrix products the wasm kernels run from now on (A/B benchmarks and tests). */
export function useGemm(choice: GemmPreference): void {
  preference = choice;
}

/** Which products the wasm kernels ran last, and why (for the backend line). */
export function gemmStatus(): string {
  return status;
}

/**
 * Compiles straight to V8's optimising tier: by default V8 starts a module on its baseline
 * compiler and optimises a function once it has run a while, and our functions run once per
 * product, long loops inside, so a worker thread's first products ran at about half speed.
 */
function optimized(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  v8.setFlagsFromString('--no-liftoff');
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    v8.setFlagsFromString('--liftoff');
  }
}

type Compiled = { module: WebAssembly.Module; variant: GemmVariant } | string;

/**
 * Compiles the build `want` asks for ('ours': relaxed if this Node can, setting V8's flag first
 * if it must, else plain) from `dir`; a string says why none could be.
 */
export function compileGemm(want: 'ours' | GemmVariant, dir = GEMM_BUILD_DIR, shared = false): Compiled {
  const path = (v: GemmVariant) => `${dir}gemm-${v}${shared ? '-shared' : ''}.wasm`;
  const read = (v: GemmVariant) => (want === 'ours' || want === v) && fs.existsSync(path(v)) ? fs.readFileSync(path(v)) : undefined;
  const relaxed = read('relaxed-simd');
  const plain = read('simd');
  if (relaxed === undefined && plain === undefined) return `our GEMM is not built (${want === 'ours' ? 'no' : `no ${want}`} binary in ${dir}): run \`npx nx run backend:build-wasm\``;
  if (relaxed !== undefined) {
    if (!WebAssembly.validate(relaxed)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    if (WebAssembly.validate(relaxed)) return { module: optimized(relaxed), variant: 'relaxed-simd' };
  }
  if (plain !== undefined && WebAssembly.validate(plain)) return { module: optimized(plain), variant: 'simd' };
  return `this Node cannot compile the ${want === 'ours' ? 'wasm SIMD' : want} build`;
}

const compiled = new Map<string, Compiled>();

/** compileGemm's result for this build, compiled once per process. */
function compiledFor(want: 'ours' | GemmVariant, shared: boolean): Compiled {
  const key = `${want}${shared ? '-shared' : ''}`;
  const c = compiled.get(key) ?? compileGemm(want, GEMM_BUILD_DIR, shared);
  compiled.set(key, c);
  return c;
}

/** Whether our GEMM will run the products of a wasm backend started now (shared: the threaded build). */
export function ourGemmWillRun(shared: boolean): boolean {
  if (preference === 'xnnpack') return false;
  return typeof compiledFor(preference, shared) !== 'string';
}

/** Our module bound to this backend's memory, or undefined (and `gemmStatus()` says why). */
export function gemmFor(wasm: unknown): GemmModule | undefined {
  if (preference === 'xnnpack') {
    status = 'XNNPACK matrix products (STABLEGEN_GEMM=xnnpack)';
    return undefined;
  }
  const em = wasm as EmscriptenLike;
  const memory = em.asm?.memory ?? em.wasmMemory;
  if (memory === undefined) {
    status = 'XNNPACK matrix products (the wasm backend exposes no memory)';
    return undefined;
  }
  const want = preference;
  const perMemory = instances.get(want) ?? new WeakMap();
  instances.set(want, perMemory);
  let entry = perMemory.get(memory);
  if (entry === undefined) {
    entry = bind(memory, want);
    perMemory.set(memory, entry);
  }
  status = entry.status;
  return entry.module;
}

function bind(memory: WebAssembly.Memory, want: 'ours' | GemmVariant): { module?: GemmModule; status: string } {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const c = compiledFor(want, shared);
  if (typeof c === 'string') return { status: `XNNPACK matrix products (${c})` };
  const exports = new WebAssembly.Instance(c.module, { env: { memory } }).exports as unknown as Omit<GemmModule, 'variant'>;
  const { gemm, scratchFloats, im2col, convForwardRows, convInputRows, ...onOneThread } = exports;
  const threads = shared ? (wasmThreads() ?? 1) : 1;
  const split = { gemm, im2col, convForwardRows, convInputRows };
  if (threads === 1) return { module: { variant: c.variant, scratchFloats, ...split, ...onOneThread }, status: `our ${c.variant} GEMM` };
  const pool = createGemmPool(c.module, memory, split, threads, scratchFloats());
  const xnnpack = xnnpackThreads();
  const others = xnnpack === undefined ? '' : `, XNNPACK's kernels on ${xnnpack}`;
  return { module: { variant: c.variant, scratchFloats: () => threads * scratchFloats(), ...pool, ...onOneThread }, status: `our ${c.variant} GEMM on ${threads} threads${others}` };
}
