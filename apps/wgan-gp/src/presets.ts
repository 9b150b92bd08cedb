/**
 * `--dataset ring8|grid25` starts from configs/<name>.json (the 2-D recipe: its budget, batch and
 * MLP widths differ from the MNIST defaults), unless the command line already names a preset
 * (`--config`) or resumes a run. Flags still override the preset (`@stablegen/trainer`'s
 * dataset presets, with this app's configs/ folder).
 */
import { fileURLToPath } from 'node:url';
import { datasetPresetFile, withDatasetPresetIn } from '@stablegen/trainer';

const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

/** The preset file for `dataset`, if the app ships one. */
export const datasetPreset = (dataset: string): string | undefined => datasetPresetFile(CONFIG_DIR, dataset);

/** argv with `--config <preset of --dataset>` prepended where that applies. */
export const withDatasetPreset = (argv: readonly string[]): string[] => withDatasetPresetIn(CONFIG_DIR, argv);
