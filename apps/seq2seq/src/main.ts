/** `npx nx run seq2seq:train [--flags]`: the seq2seq family's command line (see --help). */
import { runApp } from '@stablegen/trainer';
import { seq2seqRecipe } from './recipe.js';
import { saveModelAtEnd } from './save-callback.js';

await runApp(seq2seqRecipe, { callbacks: [saveModelAtEnd] });
