/** `npx nx run wgan-gp:train [--flags]`: the wgan-gp family's command line (see --help). */
import { runApp } from '@stablegen/trainer';
import { withDatasetPreset } from './presets.js';
import { wganGpRecipe } from './recipe.js';

await runApp(wganGpRecipe, { argv: withDatasetPreset(process.argv.slice(2)) });
