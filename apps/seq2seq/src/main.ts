/** `npx nx run seq2seq:train [--flags]`: the seq2seq family's command line (see --help). */
import { runApp } from '@stablegen/trainer';
import { seq2seqApp } from './app.js';

await runApp(seq2seqApp.recipe, seq2seqApp.options);
