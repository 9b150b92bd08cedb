/**
 * `npx nx run gan:bench [--seeds 5] [--steps 3000] [other gan flags]`: trains the gan recipe once
 * per seed at a fixed budget and writes mean and spread of every metric, wall time and steps/s to
 * benchmarks/gan.md and .json (benchmarks/gan-unconditional.* with `--conditional false`). The default budget is the default run's (3,000 steps), so five seeds
 * take about 25 minutes on an idle core.
 */
import { initBackend } from '@stablegen/backend';
import { resolveConfig, runMain, runSeedBench, takeIntFlag, writeSeedBench } from '@stablegen/trainer';
import { ganClasses, ganSchema } from './config.js';
import { ganRecipe } from './recipe.js';

await runMain(async () => {
  const argv = process.argv.slice(2);
  const seeds = takeIntFlag(argv, 'seeds', 5);
  const steps = takeIntFlag(argv, 'steps', ganSchema.parse({}).steps);
  const flags = ['--steps', String(steps), '--eval-every', String(steps), '--sample-every', String(steps), '--checkpoint-every', String(steps), ...argv];
  const backend = flags.includes('--backend') ? flags[flags.indexOf('--backend') + 1] : 'auto';
  await initBackend(backend);
  const config = resolveConfig(ganRecipe.family, ganRecipe.summary, ganSchema, flags)!.config; // what every run will parse
  const unconditional = config.dataset === 'mnist' && ganClasses(config) === 0;
  const result = await runSeedBench(ganRecipe, Array.from({ length: seeds }, (_, i) => i + 1), flags);
  const name = unconditional ? 'benchmarks/gan-unconditional' : 'benchmarks/gan';
  writeSeedBench(result, name, [
    'Metrics from the shipped MNIST classifier on 1,000 samples of a fixed latent batch: `fd_mnist` (Frechet distance in its 128-d feature space to the 2,000 held-out digits), `classes_covered` (digits holding >= 5% of samples), `confident_share` (p >= 0.9; real held-out digits score 0.947).',
  ]);
  console.log(`wrote ${name}.md and ${name}.json`);
});
