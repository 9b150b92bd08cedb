/** `npx nx run progressive:train [--flags]`: the progressive family's command line (see --help); `--data <path>` is `--dataset folder:<path>`. */
import { withDataFolderFlag } from '@stablegen/gan-training';
import { runApp } from '@stablegen/trainer';
import { progressiveRecipe } from './recipe.js';

await runApp(progressiveRecipe, { prepareArgv: withDataFolderFlag });
