/**
 * For the families' resume tests: the same run straight through and interrupted (as by Ctrl-C)
 * after step `cutAt`, then continued with `--resume`, both through the app's entry point
 * (appExitCode). Returns what a test compares to the last bit: the metric lines (wall-clock time
 * left out) and the bytes of the final checkpoint's tensors (every weight and optimiser slot).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMetrics, runPaths } from '@stablegen/run-files';
import { checkpointName } from '../checkpoint/checkpoint-format.js';
import type { BaseConfig } from '../config/base-config.js';
import type { Recipe } from '../recipe.js';
import { appExitCode, type RunAppOptions } from '../run-app.js';

export interface ResumeComparison {
  /** Exit codes: straight run, interrupted run (130), resumed run. */
  codes: number[];
  straight: { metrics: Record<string, number>[]; tensors: Buffer };
  resumed: { metrics: Record<string, number>[]; tensors: Buffer };
}

const finalState = (dir: string, steps: number) => ({
  metrics: readMetrics(dir).map(({ time: _time, ...rest }) => rest),
  tensors: fs.readFileSync(path.join(runPaths(dir).checkpoints, checkpointName(steps), 'tensors.bin')),
});

/** @param argv the run's flags, `--steps` included (`--out` and `--resume` are added here) */
export async function compareResumedRun<C extends BaseConfig, M>(
  recipe: Recipe<C, M>,
  options: RunAppOptions<M>,
  argv: string[],
  o: { steps: number; cutAt: number; root: string },
): Promise<ResumeComparison> {
  const straightDir = path.join(o.root, 'straight');
  const cutDir = path.join(o.root, 'cut');
  const stop = new AbortController();
  const cut = { ...options, signal: stop.signal, callbacks: [...(options.callbacks ?? []), { onStepEnd: ({ step }: { step: number }) => void (step === o.cutAt && stop.abort()) }] };
  const codes = [
    await appExitCode(recipe, { ...options, argv: [...argv, '--out', straightDir] }),
    await appExitCode(recipe, { ...cut, argv: [...argv, '--out', cutDir] }),
    await appExitCode(recipe, { ...options, argv: ['--resume', cutDir] }),
  ];
  return { codes, straight: finalState(straightDir, o.steps), resumed: finalState(cutDir, o.steps) };
}
