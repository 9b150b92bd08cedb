/**
 * One bench run: `apps/wgan-gp/src/main.ts` in its own child process (fresh tfjs state, its own
 * memory), then its figures read back from the run directory: the last evaluation, the last
 * logged training metrics, training seconds (the trainer's clock) and the child's wall time.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMetrics } from '@stablegen/run-files';

export interface SeedResult {
  seed: number;
  runDir: string;
  /** 0 when the run finished; otherwise its exit code and the last line it printed. */
  exitCode: number;
  error?: string;
  /** Metrics: final evaluation and training metrics, plus wall_s, train_s, steps_per_s. */
  metrics: Record<string, number>;
}

const EVAL_KEYS = new Set(['modes', 'hq_share', 'reverse_kl', 'fd_mnist', 'classes_covered', 'confident_share']);

/** The figures of a finished run directory. */
export function readRunFigures(runDir: string): Record<string, number> {
  const rows: Record<string, number>[] = readMetrics(runDir);
  const isEval = (r: Record<string, number>) => Object.keys(r).some((k) => EVAL_KEYS.has(k));
  const lastEval = [...rows].reverse().find(isEval) ?? {};
  const lastTrain = [...rows].reverse().find((r) => !isEval(r)) ?? {};
  const steps = Math.max(...rows.map((r) => r.step));
  const trainS = Math.max(...rows.map((r) => r.time));
  const { step: _s, time: _t, ...evalMetrics } = lastEval;
  const { step: _s2, time: _t2, ...trainMetrics } = lastTrain;
  return { ...evalMetrics, ...trainMetrics, steps, train_s: trainS, steps_per_s: steps / trainS };
}

/** Runs training for `seed` with `args`; resolves when the child exits. */
export function runSeed(root: string, seed: number, runDir: string, args: readonly string[]): Promise<SeedResult> {
  fs.mkdirSync(path.dirname(path.resolve(root, runDir)), { recursive: true });
  const log = fs.openSync(path.resolve(root, `${runDir}.log`), 'w');
  const argv = ['--import', 'tsx', 'apps/wgan-gp/src/main.ts', ...args, '--seed', String(seed), '--out', runDir];
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', log, log] });
    child.on('exit', (code, signal) => {
      fs.closeSync(log);
      const wallS = (performance.now() - t0) / 1000;
      const exitCode = code ?? (signal ? 128 : 1);
      if (exitCode !== 0) {
        const lines = fs.readFileSync(path.resolve(root, `${runDir}.log`), 'utf8').trim().split('\n');
        resolve({ seed, runDir, exitCode, error: lines[lines.length - 1] ?? String(signal), metrics: { wall_s: wallS } });
        return;
      }
      const metricsFile = path.resolve(root, runDir, 'metrics.jsonl');
      if (!fs.existsSync(metricsFile)) {
        resolve({ seed, runDir, exitCode: 1, error: `the run wrote no ${path.join(runDir, 'metrics.jsonl')}`, metrics: { wall_s: wallS } });
        return;
      }
      resolve({ seed, runDir, exitCode, metrics: { ...readRunFigures(path.resolve(root, runDir)), wall_s: wallS } });
    });
  });
}
