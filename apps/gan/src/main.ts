/** `npx nx run gan:train [--flags]`: the gan family's command line (see --help). `--dataset ring8|grid25` starts from configs/<name>.json; `--data <path>` is `--dataset folder:<path>`. */
import { fileURLToPath } from 'node:url';
import { withDataFolderFlag } from '@stablegen/gan-training';
import { runApp, withDatasetPresetIn } from '@stablegen/trainer';
import { ganRecipe } from './recipe.js';

const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

await runApp(ganRecipe, { prepareArgv: (argv) => withDatasetPresetIn(CONFIG_DIR, withDataFolderFlag(argv)) });
