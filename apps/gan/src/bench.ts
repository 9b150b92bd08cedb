/**
 * `npx nx run gan:bench -- [--seeds 5] [--jobs 2] [--queue redis://..] [other gan flags]`: the gan
 * recipe once per seed at the default run's budget, through the launcher; benchmarks/gan.md /
 * .json (benchmarks/gan-unconditional.* with `--conditional false`), finished runs kept in
 * benchmarks/results/. Five seeds take about 25 minutes a core.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { appFamily, benchFlags, parseBenchArgs, runBench } from '@stablegen/launcher';
import { resolveAppConfig, runMain } from '@stablegen/trainer';
import { ganApp } from './app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

await runMain(async () => {
  const args = parseBenchArgs('gan:bench', 'the gan recipe once per seed at a fixed budget', z.object(benchFlags), process.argv.slice(2));
  if (args.help) return;
  const config = resolveAppConfig(ganApp.recipe, ganApp.options, args.forward)!; // checks the run flags before anything runs
  const steps = String(config.steps);
  const name = config.dataset === 'mnist' && !config.conditional ? 'gan-unconditional' : 'gan';
  const flags = ['--eval-every', steps, '--sample-every', steps, '--checkpoint-every', steps, ...args.forward];
  const seeds = Array.from({ length: args.own.seeds }, (_, i) => args.own.firstSeed + i);
  const { files } = await runBench({
    name,
    title: `gan bench: ${seeds.length} seeds at ${steps} steps`,
    command: `npx nx run gan:bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    specs: seeds.map((seed) => ({ family: 'gan', flags, seed, group: 'gan' })),
    columns: [
      { key: 'fd_mnist', label: 'FD-MNIST', digits: 1 },
      { key: 'confident_share', label: 'confident share' },
      { key: 'classes_covered', label: 'classes', digits: 1 },
      { key: 'label_accuracy', label: 'label accuracy' },
    ],
    notes: () => ['Metrics from the shipped MNIST classifier on 1,000 samples of a fixed latent batch: `fd_mnist` (Frechet distance in its 128-d feature space to the 2,000 held-out digits), `classes_covered` (digits holding >= 5% of samples), `confident_share` (p >= 0.9; real held-out digits score 0.947), `label_accuracy` (conditional runs: share classified as their label).'],
    families: { gan: appFamily(ganApp, 'apps/gan/src/main.ts') },
    root: ROOT,
    flags: args.own,
  });
  console.log(`wrote ${files.join(', ')}`);
});
