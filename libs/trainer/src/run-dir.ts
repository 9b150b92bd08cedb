/**
 * The run directory: config.json, metrics.jsonl, checkpoints/, samples/, report.html.
 * Creating one checks up front that it is writable, so a bad `--out` fails before training.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './checkpoint/atomic-write.js';
import { UserError } from './user-error.js';

export interface RunDir {
  root: string;
  checkpoints: string;
  samples: string;
  metricsFile: string;
}

export function runDirPaths(root: string): RunDir {
  return {
    root,
    checkpoints: path.join(root, 'checkpoints'),
    samples: path.join(root, 'samples'),
    metricsFile: path.join(root, 'metrics.jsonl'),
  };
}

/** Default run directory name: runs/<family>/<UTC timestamp>. */
export function defaultRunRoot(family: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join('runs', family, stamp);
}

/** Creates a new run directory and writes config.json (with `family`). */
export function createRunDir(root: string, family: string, config: object): RunDir {
  const dirs = runDirPaths(root);
  if (fs.existsSync(path.join(root, 'config.json'))) {
    throw new UserError(`--out ${root} already holds a run`, `continue it with --resume ${root}, or choose another --out`);
  }
  try {
    fs.mkdirSync(dirs.checkpoints, { recursive: true });
    fs.mkdirSync(dirs.samples, { recursive: true });
    writeFileAtomic(path.join(root, 'config.json'), JSON.stringify({ family, ...config }, null, 2) + '\n');
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`--out ${root} is not writable (${code})`, 'choose a directory you can write to');
  }
  return dirs;
}

/** Appends one JSON line to metrics.jsonl. */
export function appendMetrics(dirs: RunDir, record: Record<string, number>): void {
  fs.appendFileSync(dirs.metricsFile, JSON.stringify(record) + '\n');
}

/** Every line of `<runDir>/metrics.jsonl`, parsed ({ step, time, ...metrics }), in order. */
export function readMetrics(runDir: string): Record<string, number>[] {
  return fs
    .readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, number>);
}

/** Drops metric lines after `step` (used on resume so the file matches the checkpoint). */
export function truncateMetricsAfter(dirs: RunDir, step: number): void {
  if (!fs.existsSync(dirs.metricsFile)) return;
  const kept = fs
    .readFileSync(dirs.metricsFile, 'utf8')
    .split('\n')
    .filter((line) => {
      if (!line.trim()) return false;
      try {
        return (JSON.parse(line) as { step: number }).step <= step;
      } catch {
        return false; // a line cut by a kill
      }
    });
  writeFileAtomic(dirs.metricsFile, kept.map((l) => l + '\n').join(''));
}
