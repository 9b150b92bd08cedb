/** `npx nx run wgan-gp:train [--flags]`: the wgan-gp family's command line (see --help); `--data <path>` is `--dataset folder:<path>`. */
import { withDataFolderFlag } from '@stablegen/gan-training';
import { runApp } from '@stablegen/trainer';
import { withDatasetPreset } from './presets.js';
import { wganGpRecipe } from './recipe.js';

await runApp(wganGpRecipe, { prepareArgv: (argv) => withDatasetPreset(withDataFolderFlag(argv)) });
