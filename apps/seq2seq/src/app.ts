/** The seq2seq command line's parts: its recipe and the callback that saves the model at the end. */
import type { RunAppOptions } from '@stablegen/trainer';
import type { Seq2SeqRun } from './models.js';
import { seq2seqRecipe } from './recipe.js';
import { saveModelAtEnd } from './save-callback.js';

export const seq2seqApp = { recipe: seq2seqRecipe, options: { callbacks: [saveModelAtEnd] } satisfies RunAppOptions<Seq2SeqRun> };
