/** The progressive command line's parts: its recipe and its argv shorthand (`--data <path>`). */
import { withDataFolderFlag } from '@stablegen/gan-training';
import type { RunAppOptions } from '@stablegen/trainer';
import type { ProgressiveModels } from './models.js';
import { progressiveRecipe } from './recipe.js';

export const progressiveApp = { recipe: progressiveRecipe, options: { prepareArgv: withDataFolderFlag } satisfies RunAppOptions<ProgressiveModels> };
