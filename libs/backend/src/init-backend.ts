/**
 * Backend choice. `initBackend('auto')` tries tfjs-node-gpu, then tfjs-node, then wasm (with our
 * training kernels), then cpu; a package that is installed but cannot load is skipped. One line
 * says what was chosen and why. An explicit choice that is unknown or unavailable is an error.
 * The double-backprop gradient fixes are registered whatever the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { registerWasmTrainingKernels } from './wasm-kernels/register.js';
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
}

export interface InitBackendOptions {
  /** Where the one line goes (default console.log). */
  log?: (line: string) => void;
  /** Replace how a backend is loaded (tests). */
  loaders?: Partial<Record<BackendName, BackendLoader>>;
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

/** Picks, initialises and returns the backend; logs one line saying what and why. */
export async function initBackend(
  preference: BackendPreference | string = 'auto',
  options: InitBackendOptions = {},
): Promise<BackendChoice> {
  const wanted = parseBackendPreference(preference);
  const loaders = { ...defaultLoaders, ...options.loaders };
  const candidates = wanted === 'auto' ? BACKEND_ORDER : [wanted];
  const skipped: string[] = [];
  for (const name of candidates) {
    const why = await tryActivate(name, loaders[name]);
    if (why === undefined) {
      registerGradientFixes();
      if (name === 'wasm') registerWasmTrainingKernels();
      const reason = wanted === 'auto' ? skipped.join('; ') || 'first in order' : 'requested';
      const line = `backend: ${name} (${reason})`;
      (options.log ?? console.log)(line);
      return { name, tfBackend: loaders[name].tfBackend, line };
    }
    if (wanted !== 'auto') {
      throw new BackendError(`backend '${name}' is not available: ${why}; ${installHint[name]}, or pick another with --backend (${BACKEND_CHOICES.join('|')})`);
    }
    skipped.push(why);
  }
  throw new BackendError(`no backend could be loaded (${skipped.join('; ')}); reinstall dependencies with \`npm ci\``);
}

/** Loads and activates one backend; returns undefined on success or the reason it is unusable. */
async function tryActivate(name: BackendName, loader: BackendLoader): Promise<string | undefined> {
  try {
    await loader.load();
  } catch (err) {
    if (err instanceof BackendUnavailableError) return err.message;
    throw err;
  }
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
