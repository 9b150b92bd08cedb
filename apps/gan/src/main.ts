/** `npx nx run gan:train [--flags]`: the gan family's command line (see --help). */
import { runApp } from '@stablegen/trainer';
import { ganRecipe } from './recipe.js';

await runApp(ganRecipe);
