/** The compare tests' way to run one of the repo's scripts as a child process (tsx), from the repository root. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ScriptResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `script args` under tsx without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
export const runScript = (script: string, args: readonly string[], timeoutMs = 200_000): Promise<ScriptResult> =>
  new Promise((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
