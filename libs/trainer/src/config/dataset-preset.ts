/**
 * `--dataset <name>` starts from `<configDir>/<name>.json` (a family's preset for that dataset: its
 * own budget, batch and widths) when the app ships one, unless the command line already names a
 * preset (`--config`) or resumes a run. Flags still override the preset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The value of `--name v` / `--name=v` in argv (last one wins), if present (a bare boolean flag gives the next argument). */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === `--${name}`) value = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
  });
  return value;
}

/** The preset file for `dataset` in `configDir`, if there is one (plain lower-case names only). */
export function datasetPresetFile(configDir: string, dataset: string): string | undefined {
  const file = path.join(configDir, `${dataset}.json`);
  return /^[a-z0-9]+$/.test(dataset) && fs.existsSync(file) ? file : undefined;
}

/** argv with `--config <preset of --dataset>` prepended where that applies. */
export function withDatasetPresetIn(configDir: string, argv: readonly string[]): string[] {
  const dataset = flagValue(argv, 'dataset');
  const preset = dataset === undefined ? undefined : datasetPresetFile(configDir, dataset);
  if (!preset || flagValue(argv, 'config') !== undefined || flagValue(argv, 'resume') !== undefined) return [...argv];
  return ['--config', preset, ...argv];
}
