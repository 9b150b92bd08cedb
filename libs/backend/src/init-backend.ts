/**
 * Backend choice. `initBackend('auto')` tries tfjs-node-gpu, then tfjs-node, then wasm (with our
 * training kernels), then cpu; a package that is installed but cannot load is skipped. One line
 * says what was chosen and why. An explicit choice that is unknown or unavailable is an error.
 * The double-backprop gradient fixes are registered whatever the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { gemmFor, gemmStatus, ourGemmWillRun } from './wasm-kernels/gemm-module.js';
import { registerWasmTrainingKernels } from './wasm-kernels/register.js';
import { coreCount, defaultThreadCount, MAX_WASM_THREADS, notePlainWasm, useThreadedWasm, wasmThreads } from './wasm-threads.js';
import {
  type BackendLoader,
  type BackendName,
  BackendUnavailableError,
  packageLoader,
} from './binding-loader.js';

export type BackendPreference = BackendName | 'auto';

/** Preference order for 'auto'. */
export const BACKEND_ORDER: readonly BackendName[] = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'];

export const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', ...BACKEND_ORDER];

/** A user error: unknown or unavailable backend. The message names the cause and the fix. */
export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface BackendChoice {
  name: BackendName;
  /** tfjs-core's name for it: 'tensorflow' | 'wasm' | 'cpu'. */
  tfBackend: string;
  /** The one-line explanation that was logged. */
  line: string;
  /** Threads the backend computes on (wasm: XNNPACK's pool, the calling thread included; 1 for cpu). */
  threads?: number;
}

export interface InitBackendOptions {
  /** Where the one line goes (default console.log). */
  log?: (line: string) => void;
  /** Replace how a backend is loaded (tests). */
  loaders?: Partial<Record<BackendName, BackendLoader>>;
  /**
   * Threads for the wasm backend (default: $STABLEGEN_THREADS, else 1). 1 runs the plain SIMD build
   * on one thread; more runs tfjs-backend-wasm's threaded SIMD build through `worker_threads`,
   * falling back to one thread (the line says why) when that build cannot start. Fixed for the
   * process: the first wasm initialisation decides it.
   */
  threads?: number;
}

const defaultLoaders: Record<BackendName, BackendLoader> = {
  'tfjs-node-gpu': packageLoader('@tensorflow/tfjs-node-gpu', 'tensorflow'),
  'tfjs-node': packageLoader('@tensorflow/tfjs-node', 'tensorflow'),
  wasm: packageLoader('@tensorflow/tfjs-backend-wasm', 'wasm'),
  cpu: packageLoader('@tensorflow/tfjs-backend-cpu', 'cpu'),
};

const installHint: Record<BackendName, string> = {
  'tfjs-node-gpu': 'install it with `npm install @tensorflow/tfjs-node-gpu` on a machine that can download libtensorflow (CUDA needed)',
  'tfjs-node': 'install it with `npm install @tensorflow/tfjs-node` on a machine that can download libtensorflow',
  wasm: 'reinstall dependencies with `npm ci`',
  cpu: 'reinstall dependencies with `npm ci`',
};

/** Validates a user-supplied backend name (e.g. from `--backend`). */
export function parseBackendPreference(value: string): BackendPreference {
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendPreference;
  throw new BackendError(
    `unknown backend '${value}': choose one of ${BACKEND_CHOICES.join(', ')} (auto picks the fastest that loads)`,
  );
}

/** Validates a user-supplied thread count (e.g. from `--threads`). */
export function parseThreadCount(value: number | string): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_WASM_THREADS) return n;
  throw new BackendError(`invalid thread count '${value}': give a whole number from 1 to ${MAX_WASM_THREADS} (${coreCount()} cores here; default ${defaultThreadCount()})`);
}

/** Picks, initialises and returns the backend; logs one line saying what and why. */
export async function initBackend(
  preference: BackendPreference | string = 'auto',
  options: InitBackendOptions = {},
): Promise<BackendChoice> {
  const wanted = parseBackendPreference(preference);
  const loaders = { ...defaultLoaders, ...options.loaders };
  const candidates = wanted === 'auto' ? BACKEND_ORDER : [wanted];
  const threads = parseThreadCount(options.threads ?? defaultThreadCount());
  const skipped: string[] = [];
  for (const name of candidates) {
    let threadNote = '';
    const prepare = name === 'wasm' ? async () => (threadNote = await prepareWasmThreads(threads)) : undefined;
    const why = await tryActivate(name, loaders[name], prepare);
    if (why === undefined) {
      registerGradientFixes();
      if (name === 'wasm') registerWasmTrainingKernels();
      const reason = wanted === 'auto' ? skipped.join('; ') || 'first in order' : 'requested';
      const active = name === 'wasm' ? (wasmThreads() ?? 1) : name === 'cpu' ? 1 : undefined;
      const threadPart = active === undefined ? '' : `, ${active} thread${active === 1 ? '' : 's'}${threadNote}`;
      const gemmPart = name === 'wasm' ? `, ${wasmGemmStatus()}` : '';
      const line = `backend: ${name}${threadPart}${gemmPart} (${reason})`;
      (options.log ?? console.log)(line);
      return { name, tfBackend: loaders[name].tfBackend, line, threads: active };
    }
    if (wanted !== 'auto') {
      throw new BackendError(`backend '${name}' is not available: ${why}; ${installHint[name]}, or pick another with --backend (${BACKEND_CHOICES.join('|')})`);
    }
    skipped.push(why);
  }
  throw new BackendError(`no backend could be loaded (${skipped.join('; ')}); reinstall dependencies with \`npm ci\``);
}

/** Loads our GEMM into the active wasm backend now (not at the first product) and says whose products run. */
function wasmGemmStatus(): string {
  gemmFor((tf.backend() as unknown as { wasm?: unknown }).wasm);
  return gemmStatus();
}

/**
 * Sets up the wasm build for `threads` unless a wasm backend already runs in this process; returns
 * the note for the backend line (empty, or why fewer threads run than asked).
 */
async function prepareWasmThreads(threads: number): Promise<string> {
  if (tf.findBackend('wasm') !== null && wasmThreads() !== undefined) {
    const active = wasmThreads();
    return active === threads ? '' : ` (set when wasm first started in this process; ${threads} asked)`;
  }
  if (threads === 1) {
    notePlainWasm();
    return '';
  }
  try {
    await useThreadedWasm(threads, ourGemmWillRun(true) ? 1 : threads);
    return '';
  } catch (err) {
    notePlainWasm();
    return ` (threaded SIMD build failed to start: ${String((err as Error)?.message ?? err).split('\n')[0]}; ${threads} asked)`;
  }
}

/** Loads and activates one backend; returns undefined on success or the reason it is unusable. */
async function tryActivate(name: BackendName, loader: BackendLoader, prepare?: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await loader.load();
  } catch (err) {
    if (err instanceof BackendUnavailableError) return err.message;
    throw err;
  }
  await prepare?.();
  let ok = false;
  try {
    ok = await tf.setBackend(loader.tfBackend);
  } catch (err) {
    return `${name} loaded but failed to initialise (${String((err as Error).message).split('\n')[0]})`;
  }
  if (!ok) return `${name} loaded but failed to initialise`;
  await tf.ready();
  // The cpu backend prints a banner suggesting tfjs-node on first use; our one line replaces it.
  const active = tf.backend() as unknown as { firstUse?: boolean };
  if (name === 'cpu') active.firstUse = false;
  return undefined;
}
