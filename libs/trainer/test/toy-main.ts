/** A real command-line main around the toy recipe, for process-level tests (kill, bad flags). */
import { initBackend } from '@stablegen/backend';
import { resolveConfig, runMain, train } from '../src/index.js';
import { toyRecipe, toySchema, type ToyConfig } from './toy-recipe.js';

await runMain(async () => {
  const resolved = resolveConfig('toy', toyRecipe.summary, toySchema, process.argv.slice(2));
  if (!resolved) return;
  await initBackend(resolved.config.backend);
  const result = await train(toyRecipe, resolved.config as ToyConfig);
  if (result.interrupted) process.exitCode = 130;
});
