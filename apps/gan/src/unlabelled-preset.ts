/**
 * Unlabelled images (`--conditional false` on MNIST, or any image folder: `--data <dir>` /
 * `--dataset folder:<dir>`) start from configs/unlabelled-images.json: the stability study's best
 * MNIST recipe (gan plain at x10 of the conditional rates: lrD 2e-3, lrG 4e-3, both decaying
 * linearly to 0, generator EMA 0.999; benchmarks/stability-study-mnist.md), measured unconditional
 * in benchmarks/gan-unconditional.md. The class-conditional default keeps the app's rates. Like a
 * dataset preset it is skipped when `--config` or `--resume` is given, and flags override it.
 */
import * as path from 'node:path';
import { flagValue } from '@stablegen/trainer';

export const UNLABELLED_PRESET = 'unlabelled-images.json';

/** True when argv trains on images without labels: an image folder, or MNIST with `--conditional false` (or 0). */
export function isUnlabelledImageRun(argv: readonly string[]): boolean {
  const dataset = flagValue(argv, 'dataset') ?? 'mnist';
  if (dataset.startsWith('folder:')) return true;
  return dataset === 'mnist' && ['false', '0'].includes(flagValue(argv, 'conditional') ?? '');
}

/** argv with `--config <configDir>/unlabelled-images.json` prepended where that applies (after `--data` is rewritten). */
export function withUnlabelledPresetIn(configDir: string, argv: readonly string[]): string[] {
  if (!isUnlabelledImageRun(argv) || flagValue(argv, 'config') !== undefined || flagValue(argv, 'resume') !== undefined) return [...argv];
  return ['--config', path.join(configDir, UNLABELLED_PRESET), ...argv];
}
