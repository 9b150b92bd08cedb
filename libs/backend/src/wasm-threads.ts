/**
 * tfjs-backend-wasm's threaded SIMD build under Node, so XNNPACK's thread pool runs on every core.
 *
 * tfjs-backend-wasm 4.22 never picks that build under Node (its `WASM_HAS_MULTITHREAD_SUPPORT`
 * flag is hard-wired false there, tfjs issue 3830), although the Emscripten glue it ships knows
 * Node's `worker_threads`. Three things stand in the way, and this loader handles each without
 * editing anything in node_modules:
 * - the pthread worker script ships as a CommonJS module that *exports* the script as a string
 *   (`wasmWorkerContents`, meant for a Blob URL, which Node's Worker cannot start): we write that
 *   string once to a cache file and point Emscripten's `locateFile` at it;
 * - the C side caps the pool at `emscripten_num_logical_cores() / 2` (it assumes two hyper-threads
 *   per core, so a 2-core machine gets 1 thread): we supply the wasm imports ourselves
 *   (`instantiateWasm`) and answer that query with twice the wanted count;
 * - pthreads that are running keep Node's event loop alive: we unref their workers, so a process
 *   exits when its own work is done.
 * The module is then handed to tfjs's own `BackendWasm` under the name 'wasm', so every kernel
 * registered for wasm (the built-ins and ours) runs on it unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

/** Emscripten's preallocated pthread pool in the threaded build (and the C side's cap). */
export const MAX_WASM_THREADS = 8;

/** The tfjs backend priority tfjs-backend-wasm registers 'wasm' with. */
const WASM_PRIORITY = 2;

/** Waiting longer than this for the pthread workers to start means they never will. */
const LOAD_TIMEOUT_MS = 30_000;

interface WasmPackage {
  BackendWasm: new (module: unknown) => tf.KernelBackend;
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
  version_wasm: string;
}

interface EmscriptenWorker {
  unref(): void;
}

interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: number[]) => number;
  PThread: { runningWorkers: EmscriptenWorker[] };
  tfjs?: Record<string, unknown>;
}

type ModuleFactory = (config: Record<string, unknown>) => Promise<ThreadedModule>;

/**
 * Default thread count: $STABLEGEN_THREADS when set, else 1. Two threads pay only for large
 * convolutions (batch-64 DCGAN steps) and lose on the small-op models (the 2-D mixture MLPs),
 * because XNNPACK hands each op to its pool and waits for it (figures in the backend README);
 * two processes (the launcher's jobs) use two cores better.
 */
export function defaultThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.STABLEGEN_THREADS);
  if (env.STABLEGEN_THREADS !== undefined && Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(MAX_WASM_THREADS, fromEnv);
  return 1;
}

/** Every core this process may use, at most MAX_WASM_THREADS. */
export function coreCount(): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, os.availableParallelism?.() ?? os.cpus().length));
}

/** Threads of the wasm backend now running (1 when it runs the single-threaded build). */
let activeThreads: number | undefined;
/** XNNPACK's own pool in the threaded build (1 when our GEMM runs the products, see useThreadedWasm). */
let poolThreads: number | undefined;

/** Threads of XNNPACK's pool in the running threaded build, or undefined (plain build, or none yet). */
export function xnnpackThreads(): number | undefined {
  return poolThreads;
}

/** The thread count the active wasm backend runs with, or undefined before it was set up here. */
export function wasmThreads(): number | undefined {
  return activeThreads;
}

/**
 * Replaces the 'wasm' backend's factory with one that runs the threaded SIMD build on `threads`
 * threads (the calling thread included), XNNPACK's own pool on `xnnpackPool` of them: init-backend
 * passes 1 when our GEMM runs the products (then on `threads`, gemm-pool.ts), because XNNPACK's
 * pool wakes its workers for every op and the small elementwise ops left to it lose more to that
 * than they gain (libs/backend/README.md has the figures). Call before `tf.setBackend('wasm')`;
 * `wasmThreads()` then gives the threads once the backend exists. Throws when the build cannot
 * start here (no SharedArrayBuffer, a worker that fails to load); the caller falls back to the
 * plain build.
 */
export async function useThreadedWasm(threads: number, xnnpackPool = threads): Promise<void> {
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_WASM_THREADS) {
    throw new RangeError(`threaded wasm needs 2..${MAX_WASM_THREADS} threads, got ${threads}`);
  }
  if (typeof SharedArrayBuffer === 'undefined') throw new Error('SharedArrayBuffer is not available');
  const require = createRequire(import.meta.url);
  const pkg = require('@tensorflow/tfjs-backend-wasm') as WasmPackage;
  const outDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const gluePath = path.join(outDir, 'tfjs-backend-wasm-threaded-simd.js');
  const wasmPath = path.join(outDir, 'tfjs-backend-wasm-threaded-simd.wasm');
  const workerPath = writeWorkerScript(require(path.join(outDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string }, pkg.version_wasm);
  const factory = require(gluePath) as ModuleFactory;

  let failInstantiation: (err: unknown) => void = () => undefined;
  const instantiationFailed = new Promise<never>((_, reject) => (failInstantiation = reject));
  const module = await withTimeout(
    Promise.race([
      factory({
        locateFile: (file: string) => (file.endsWith('.worker.js') ? workerPath : path.join(outDir, file)),
        mainScriptUrlOrBlob: gluePath, // each pthread worker evaluates the glue from this path
        instantiateWasm(imports: WebAssembly.Imports & { env: WebAssembly.ModuleImports }, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
          imports.env.emscripten_num_logical_cores = () => 2 * threads; // the C side halves it
          WebAssembly.instantiate(fs.readFileSync(wasmPath), imports).then((r) => receive(r.instance, r.module), failInstantiation);
          return {};
        },
      }),
      instantiationFailed,
    ]),
    LOAD_TIMEOUT_MS,
    'the threaded wasm workers did not start',
  );
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  pkg.setThreadsCount(xnnpackPool);
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    () => {
      const backend = new pkg.BackendWasm(module);
      // XNNPACK's pool now waits in its workers; they must not keep the process alive.
      module.PThread.runningWorkers.forEach((w) => w.unref());
      poolThreads = pkg.getThreadsCount();
      activeThreads = xnnpackPool === threads ? poolThreads : threads; // what XNNPACK reports, or our GEMM's pool
      return backend;
    },
    WASM_PRIORITY,
  );
}

/** Marks the plain (single-threaded) wasm build as the active one. */
export function notePlainWasm(): void {
  activeThreads = 1;
  poolThreads = undefined;
}

/**
 * Writes the pthread worker script to a per-version cache file (atomically, only when missing or
 * different) and returns its path. Newlines inside the script's string literals are escaped the
 * way tfjs-backend-wasm does before it makes a Blob of it.
 */
function writeWorkerScript(mod: { wasmWorkerContents: string }, version: string): string {
  const text = mod.wasmWorkerContents.replace(/\n/g, '\\n');
  const dir = path.join(os.tmpdir(), `stablegen-tfjs-wasm-${version}`);
  const file = path.join(dir, 'threaded-simd.worker.cjs');
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return file;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return file;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
