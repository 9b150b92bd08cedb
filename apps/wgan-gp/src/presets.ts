/**
 * `--dataset ring8|grid25` starts from configs/<name>.json (the 2-D recipe: its budget, batch and
 * MLP widths differ from the MNIST defaults), unless the command line already names a preset
 * (`--config`) or resumes a run. Flags still override the preset.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

/** The value of `--name v` / `--name=v` in argv (last one wins), if present. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === `--${name}`) value = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
  });
  return value;
}

/** The preset file for `dataset`, if the app ships one. */
export function datasetPreset(dataset: string): string | undefined {
  const file = `${CONFIG_DIR}${dataset}.json`;
  return /^[a-z0-9]+$/.test(dataset) && fs.existsSync(file) ? file : undefined;
}

/** argv with `--config <preset of --dataset>` prepended where that applies. */
export function withDatasetPreset(argv: readonly string[]): string[] {
  const dataset = flagValue(argv, 'dataset');
  const preset = dataset === undefined ? undefined : datasetPreset(dataset);
  if (!preset || flagValue(argv, 'config') !== undefined || flagValue(argv, 'resume') !== undefined) return [...argv];
  return ['--config', preset, ...argv];
}
