/**
 * Loads our matrix-product module (libs/backend/assembly/gemm.ts and patches.ts, compiled by
 * `npx nx run backend:build-wasm` into libs/backend/wasm-out/) into the wasm backend's own memory.
 * Two builds of one source: relaxed SIMD (fused multiply-add; Node 20 validates it only behind
 * V8's --experimental-wasm-relaxed-simd, which is set here at run time, before compiling), else
 * plain SIMD. Not used, and XNNPACK's products run instead, when: the binaries are not built, the
 * backend is tfjs-backend-wasm's threaded build (shared memory: our kernels are single-threaded),
 * or STABLEGEN_GEMM=xnnpack. `gemmStatus()` says which and why.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';

export type GemmVariant = 'relaxed-simd' | 'simd';

/** The module's exports (assembly/gemm.ts and assembly/patches.ts); pointers are byte offsets into the backend's heap. */
export interface GemmModule {
  variant: GemmVariant;
  gemm(m: number, n: number, k: number, a: number, ai: number, ap: number, b: number, bp: number, bj: number, c: number, ldc: number, bias: number, act: number, alpha: number, accumulate: number, scratch: number): void;
  /** Floats of scratch one `gemm` call needs. */
  scratchFloats(): number;
  /** assembly/patches.ts: im2col / col2im over patch rows [m0, m0 + rows); geometry as there. */
  im2col(x: number, cols: number, m0: number, rows: number, ...geometry: number[]): void;
  col2im(cols: number, dx: number, m0: number, rows: number, ...geometry: number[]): void;
}

/** Where `npx nx run backend:build-wasm` writes the two builds (gemm-relaxed-simd.wasm, gemm-simd.wasm). */
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

type Compiled = { module: WebAssembly.Module; variant: GemmVariant } | string;

/**
 * Compiles the build `want` asks for ('ours': relaxed if this Node can, setting V8's flag first
 * if it must, else plain) from `dir`; a string says why none could be.
 */
export function compileGemm(want: 'ours' | GemmVariant, dir = GEMM_BUILD_DIR): Compiled {
  const path = (v: GemmVariant) => `${dir}gemm-${v}.wasm`;
  const read = (v: GemmVariant) => (want === 'ours' || want === v) && fs.existsSync(path(v)) ? fs.readFileSync(path(v)) : undefined;
  const relaxed = read('relaxed-simd');
  const plain = read('simd');
  if (relaxed === undefined && plain === undefined) return `our GEMM is not built (${want === 'ours' ? 'no' : `no ${want}`} binary in ${dir}): run \`npx nx run backend:build-wasm\``;
  if (relaxed !== undefined) {
    if (!WebAssembly.validate(relaxed)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    if (WebAssembly.validate(relaxed)) return { module: new WebAssembly.Module(relaxed), variant: 'relaxed-simd' };
  }
  if (plain !== undefined && WebAssembly.validate(plain)) return { module: new WebAssembly.Module(plain), variant: 'simd' };
  return `this Node cannot compile the ${want === 'ours' ? 'wasm SIMD' : want} build`;
}

const compiled = new Map<string, Compiled>();

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
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) {
    return { status: "XNNPACK matrix products (threaded build: XNNPACK's use every thread, ours one)" };
  }
  const c = compiled.get(want) ?? compileGemm(want);
  compiled.set(want, c);
  if (typeof c === 'string') return { status: `XNNPACK matrix products (${c})` };
  const exports = new WebAssembly.Instance(c.module, { env: { memory } }).exports as unknown as Omit<GemmModule, 'variant'>;
  const { gemm, scratchFloats, im2col, col2im } = exports;
  return { module: { variant: c.variant, gemm, scratchFloats, im2col, col2im }, status: `our ${c.variant} GEMM` };
}
