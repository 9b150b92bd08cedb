/**
 * How one backend package is loaded. A loader either registers its backend with tfjs-core and
 * returns the tfjs backend name, or throws `BackendUnavailableError` saying whether the package
 * is missing or installed-but-broken (e.g. tfjs-node without libtensorflow).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';

export type BackendName = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';

export class BackendUnavailableError extends Error {
  constructor(
    readonly kind: 'missing' | 'broken',
    message: string,
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export interface BackendLoader {
  /** The tfjs backend name this package registers ('tensorflow', 'wasm', 'cpu'). */
  readonly tfBackend: string;
  /** Imports the package (registering its backend); throws BackendUnavailableError. */
  load(): Promise<void>;
}

/**
 * Loader for an npm package that registers a backend on import.
 * @param pkg package name, e.g. '@tensorflow/tfjs-node-gpu'
 * @param fromDir directory whose node_modules are searched (default: this module's location)
 */
export function packageLoader(pkg: string, tfBackend: string, fromDir?: string): BackendLoader {
  return {
    tfBackend,
    async load() {
      const entry = resolvePackage(pkg, fromDir);
      if (entry === undefined) {
        throw new BackendUnavailableError('missing', `${pkg} is not installed`);
      }
      try {
        // A bare specifier keeps one tfjs-core instance; a file URL is only used for a custom fromDir.
        await import(fromDir ? pathToFileURL(entry).href : pkg);
      } catch (err) {
        const first = String((err as Error)?.message ?? err).split('\n')[0];
        throw new BackendUnavailableError('broken', `${pkg} is installed but failed to load (${first})`);
      }
    },
  };
}

function resolvePackage(pkg: string, fromDir?: string): string | undefined {
  const base = fromDir ? path.join(fromDir, 'noop.js') : import.meta.url;
  try {
    return createRequire(base).resolve(pkg);
  } catch {
    return undefined;
  }
}
