/**
 * Making a run directory (its layout and files are @stablegen/run-files'). Creating one checks up
 * front that it is writable, so a bad `--out` fails before training.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPaths, writeFileAtomic, type RunPaths } from '@stablegen/run-files';
import { listCheckpoints } from './checkpoint/checkpoint-format.js';
import { UserError } from './user-error.js';

/** Default run directory name: runs/<family>/<UTC timestamp>. */
export function defaultRunRoot(family: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join('runs', family, stamp);
}

/**
 * Creates a new run directory and writes config.json (with `family`). A directory that already
 * holds a run with a checkpoint is refused (resume it instead); one without a checkpoint (a run
 * killed before its first) is replaced, with a line saying so.
 */
export function createRunDir(root: string, family: string, config: object, log: (line: string) => void = console.log): RunPaths {
  const run = runPaths(root);
  if (fs.existsSync(run.config)) {
    if (listCheckpoints(run.checkpoints).length > 0) {
      throw new UserError(`--out ${root} already holds a run`, `continue it with --resume ${root}, or choose another --out`);
    }
    log(`replacing ${root}: it holds a run without a checkpoint`);
    fs.rmSync(root, { recursive: true, force: true });
  }
  try {
    fs.mkdirSync(run.checkpoints, { recursive: true });
    fs.mkdirSync(run.samples, { recursive: true });
    writeFileAtomic(run.config, JSON.stringify({ family, ...config }, null, 2) + '\n');
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`--out ${root} is not writable (${code})`, 'choose a directory you can write to');
  }
  return run;
}
