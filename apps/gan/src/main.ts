/** `npx nx run gan:train [--flags]`: the gan family's command line (see --help). `--dataset ring8|grid25` starts from configs/<name>.json; `--data <path>` is `--dataset folder:<path>`. */
import { runApp } from '@stablegen/trainer';
import { ganApp } from './app.js';

await runApp(ganApp.recipe, ganApp.options);
