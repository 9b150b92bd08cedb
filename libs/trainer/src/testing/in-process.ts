/**
 * Runs an app's entry point (appExitCode) in this process with its output captured: what the
 * bad-input tests use instead of a child process per case (a child spends seconds starting tfjs).
 * stdout / stderr writes and console.log / warn / error are collected line by line while it runs.
 */
import type { BaseConfig } from '../config/base-config.js';
import type { Recipe } from '../recipe.js';
import { appExitCode, type RunAppOptions } from '../run-app.js';

export interface CapturedRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

const lines = (chunks: string[]) => chunks.join('').split('\n').filter((l) => l.trim() !== '');

export async function runAppCaptured<C extends BaseConfig, M>(recipe: Recipe<C, M>, options: RunAppOptions<M>, argv: string[]): Promise<CapturedRun> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write, log: console.log, warn: console.warn, error: console.error };
  const sink = (to: string[]) => ((chunk: string | Uint8Array) => (to.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()), true)) as typeof process.stdout.write;
  process.stdout.write = sink(out);
  process.stderr.write = sink(err);
  console.log = (...a: unknown[]) => void out.push(a.join(' ') + '\n');
  console.warn = (...a: unknown[]) => void err.push(a.join(' ') + '\n');
  console.error = console.warn;
  try {
    const code = await appExitCode(recipe, { ...options, argv });
    return { code, stdout: lines(out), stderr: lines(err) };
  } finally {
    Object.assign(process.stdout, { write: saved.out });
    Object.assign(process.stderr, { write: saved.err });
    Object.assign(console, { log: saved.log, warn: saved.warn, error: saved.error });
  }
}
