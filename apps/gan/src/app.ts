/**
 * The gan command line's parts: its recipe and its argv shorthands (`--data <path>`, the ring8 /
 * grid25 presets of configs/, the unlabelled-images preset for folders and `--conditional false`).
 */
import { fileURLToPath } from 'node:url';
import { withDataFolderFlag } from '@stablegen/gan-training';
import { type RunAppOptions, withDatasetPresetIn } from '@stablegen/trainer';
import type { GanModels } from './models.js';
import { ganRecipe } from './recipe.js';
import { withUnlabelledPresetIn } from './unlabelled-preset.js';

const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

const prepareArgv = (argv: string[]) => withUnlabelledPresetIn(CONFIG_DIR, withDatasetPresetIn(CONFIG_DIR, withDataFolderFlag(argv)));

export const ganApp = { recipe: ganRecipe, options: { prepareArgv } satisfies RunAppOptions<GanModels> };
