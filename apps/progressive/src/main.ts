/** `npx nx run progressive:train [--flags]`: the progressive family's command line (see --help); `--data <path>` is `--dataset folder:<path>`. */
import { runApp } from '@stablegen/trainer';
import { progressiveApp } from './app.js';

await runApp(progressiveApp.recipe, progressiveApp.options);
