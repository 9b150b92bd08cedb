/**
 * Where a run ran, written into config.json (`environment`) so a report or a comparison can say
 * it: the backend that was actually chosen (not 'auto') with its threads, Node, tfjs and stablegen
 * versions, the git commit (and whether the tree had uncommitted changes), the CPU and its cores.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { version_core as tfjsVersion } from '@tensorflow/tfjs-core';

export interface RunEnvironment {
  backend: string;
  /** Threads the backend computes with (1 unless it says otherwise). */
  threads: number;
  /** The backend's own line: what was chosen and why. */
  backendLine: string;
  node: string;
  tfjs: string;
  stablegen: string;
  /** `git rev-parse HEAD` of the working directory, `+dirty` with uncommitted changes; null outside git. */
  commit: string | null;
  cpu: string;
  cores: number;
  startedAt: string;
}

function gitCommit(): string | null {
  try {
    const opts = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

const STABLEGEN_VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function captureEnvironment(backend: { name: string; line: string; threads?: number }, now = new Date()): RunEnvironment {
  return {
    backend: backend.name,
    threads: backend.threads ?? 1,
    backendLine: backend.line,
    node: process.version,
    tfjs: tfjsVersion,
    stablegen: STABLEGEN_VERSION,
    commit: gitCommit(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    startedAt: now.toISOString(),
  };
}
