import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { listCheckpoints, readCheckpoint } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// node --import tsx: the run is this very process, so signals reach it (the tsx CLI would relay them).
const nodeArgs = ['--import', 'tsx'];
const main = path.join(here, 'toy-main.ts');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-proc-'));

/** Runs a command without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );
async function runToy(args: string[]) {
  const r = await runAsync(process.execPath, [...nodeArgs, main, ...args], { cwd: path.resolve(here, '..'), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const waitFor = async (cond: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('process-level behaviour', () => {
  test('a SIGKILLed run leaves no half-written checkpoint, and resumes', async () => {
    const out = path.join(tmp(), 'run');
    const child = spawn(process.execPath, [...nodeArgs, main, '--out', out, '--steps', '100000', '--checkpoint-every', '1', '--keep-checkpoints', '1000', '--step-delay-ms', '5', '--backend', 'cpu'], {
      cwd: path.resolve(here, '..'),
      stdio: 'ignore',
    });
    const ckpts = path.join(out, 'checkpoints');
    await waitFor(() => listCheckpoints(ckpts).length >= 5, 45_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const dirs = listCheckpoints(ckpts);
    expect(dirs.length).toBeGreaterThanOrEqual(5);
    // Every checkpoint that carries a final name verifies (length + SHA-256); partial ones are .tmp-*.
    for (const dir of dirs) expect(() => readCheckpoint(dir)).not.toThrow();
    const names = fs.readdirSync(ckpts);
    expect(names.every((n) => /^step-\d{6}$/.test(n) || n.startsWith('.tmp-'))).toBe(true);
    const lastStep = readCheckpoint(dirs[0]).step;
    const resumed = await runToy(['--resume', out, '--steps', String(lastStep + 3), '--backend', 'cpu']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resuming ${out} from step ${lastStep}`);
  }, 90_000);

  test('SIGINT writes a checkpoint and exits cleanly with a resume hint', async () => {
    const out = path.join(tmp(), 'run');
    const child = spawn(process.execPath, [...nodeArgs, main, '--out', out, '--steps', '100000', '--checkpoint-every', '100000', '--step-delay-ms', '5', '--backend', 'cpu'], {
      cwd: path.resolve(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await waitFor(() => fs.existsSync(path.join(out, 'metrics.jsonl')), 45_000);
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(130);
    expect(listCheckpoints(path.join(out, 'checkpoints'))).toHaveLength(1);
    expect(stdout).toMatch(/interrupted at step \d+; checkpoint saved\. Continue with --resume /);
  }, 90_000);

  test('--help lists every flag with its default', async () => {
    const r = await runToy(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--steps <n>', '--batch-size <n>', '--seed <n>', '--backend <value>', '--out <value>', '--resume <value>', '--config <value>', '--lr <n>']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/--steps <n>\s+training steps[^\n]*\(default: 20\)/);
    expect(r.stdout).toMatch(/--lr <n>\s+Adam learning rate \(default: 0\.05\)/);
  });
});
