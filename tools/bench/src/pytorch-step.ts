/**
 * The PyTorch rows of the step benchmarks: runs research/pytorch's step timers (dcgan_step.py, the
 * reference DCGAN; gan_step.py, mixture_step.py, progressive_step.py, seq2seq_step.py, the families'
 * steps) when a Python with torch is found,
 * and turns their JSON line into a WorkerResult.
 * Python: $PYTHON, else /usr/bin/python3 (Debian's, where `apt-get install -y python3-torch
 * libopenblas0-pthread` puts torch), else python3. The thread count is set both in torch and in
 * the BLAS / OpenMP environment, so "1 thread" really is one core. Benchmarks only: no test needs it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerResult } from './dcgan-worker.js';

export const PYTORCH = 'pytorch';

const replicas = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../research/pytorch');

let python: { exe?: string; why?: string } | undefined;

/** The first interpreter that imports torch, or why none does. */
export function findTorchPython(env: NodeJS.ProcessEnv = process.env): { exe?: string; version?: string; why?: string } {
  const candidates = [env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c && (c.includes('/') ? fs.existsSync(c) : true));
  for (const exe of candidates) {
    const r = spawnSync(exe, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { exe, version: r.stdout.trim() };
  }
  return { why: `no Python with torch (tried ${candidates.join(', ')}; on Debian: apt-get install -y python3-torch libopenblas0-pthread)` };
}

/** Times the PyTorch reference DCGAN step (dcgan_step.py) at `batch` on `threads` threads. */
export function runPytorchStep(batch: number, threads: number, warmup: number, steps: number): WorkerResult {
  return runPytorchScript('dcgan_step.py', ['--batch', String(batch)], { batch, threads, warmup, steps });
}

/**
 * Runs one of research/pytorch's step timers (`script` with `args`, plus --threads, --warmup and
 * --steps) and reads its JSON line: { threads, stepMs, stepCpuMs, medianMs, medianCpuMs, torch, peakRssMB }.
 */
export function runPytorchScript(script: string, args: string[], o: { batch: number; threads: number; warmup: number; steps: number }): WorkerResult {
  const { batch, threads, warmup, steps } = o;
  const base: WorkerResult = { backend: PYTORCH, batch, threads, variant: 'default', status: 'ok', warmupSteps: warmup, stepMs: [], stepCpuMs: [], peakRssMB: 0 };
  python ??= findTorchPython();
  if (!python.exe) return { ...base, status: 'skipped', reason: python.why };
  const n = String(threads);
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const r = spawnSync(python.exe, [path.join(replicas, script), ...args, '--threads', n, '--warmup', String(warmup), '--steps', String(steps)], { encoding: 'utf8', env, cwd: replicas });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { ...base, status: 'failed', reason: `${script} exited with ${r.status}: ${(r.stderr || '').trim().split('\n').pop() ?? ''}` };
  const out = JSON.parse(line) as { stepMs: number[]; stepCpuMs: number[]; medianMs: number; medianCpuMs: number; torch: string; threads: number; peakRssMB: number };
  return { ...base, threads: out.threads, backendLine: `PyTorch ${out.torch}, ${out.threads} thread(s)`, stepMs: out.stepMs, stepCpuMs: out.stepCpuMs, medianMs: out.medianMs, medianCpuMs: out.medianCpuMs, peakRssMB: out.peakRssMB };
}
