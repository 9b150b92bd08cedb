/** The gan command line's parts: its recipe and its argv shorthands (`--data <path>`, the ring8 / grid25 presets of configs/). */
import { fileURLToPath } from 'node:url';
import { withDataFolderFlag } from '@stablegen/gan-training';
import { type RunAppOptions, withDatasetPresetIn } from '@stablegen/trainer';
import type { GanModels } from './models.js';
import { ganRecipe } from './recipe.js';

const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

export const ganApp = { recipe: ganRecipe, options: { prepareArgv: (argv) => withDatasetPresetIn(CONFIG_DIR, withDataFolderFlag(argv)) } satisfies RunAppOptions<GanModels> };
