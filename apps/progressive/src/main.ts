/** `npx nx run progressive:train [--flags]`: the progressive family's command line (see --help). */
import { runApp } from '@stablegen/trainer';
import { progressiveRecipe } from './recipe.js';

await runApp(progressiveRecipe);
