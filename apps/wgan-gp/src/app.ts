/** The wgan-gp command line's parts: its recipe and its argv shorthands (`--data <path>`, the ring8 / grid25 presets of configs/). */
import { withDataFolderFlag } from '@stablegen/gan-training';
import type { RunAppOptions } from '@stablegen/trainer';
import type { WganGpModels } from './models.js';
import { withDatasetPreset } from './presets.js';
import { wganGpRecipe } from './recipe.js';

export const wganGpApp = { recipe: wganGpRecipe, options: { prepareArgv: (argv) => withDatasetPreset(withDataFolderFlag(argv)) } satisfies RunAppOptions<WganGpModels> };
