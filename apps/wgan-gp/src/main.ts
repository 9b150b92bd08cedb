/** `npx nx run wgan-gp:train [--flags]`: the wgan-gp family's command line (see --help); `--data <path>` is `--dataset folder:<path>`. */
import { runApp } from '@stablegen/trainer';
import { wganGpApp } from './app.js';

await runApp(wganGpApp.recipe, wganGpApp.options);
