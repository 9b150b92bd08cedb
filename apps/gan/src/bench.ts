/**
 * `npx nx run gan:bench -- [--seeds 5] [--arms default,conditional-rates] [--jobs 2] [--queue redis://..] [other gan flags]`:
 * the gan recipe once per seed and arm at the default run's budget, through the launcher;
 * benchmarks/gan.md / .json (benchmarks/gan-unconditional.* with `--conditional false`), finished
 * runs kept in benchmarks/results/. Five seeds take about 25 minutes a core.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { appFamily, benchFlags, parseBenchArgs, runBench } from '@stablegen/launcher';
import { resolveAppConfig, runMain } from '@stablegen/trainer';
import { ganApp } from './app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The arms a bench may compare; each adds its flags to the shared ones. */
const ARMS: Record<string, string[]> = {
  default: [],
  // the class-conditional default's optimiser, which unlabelled runs had before the unlabelled-images preset
  'conditional-rates': ['--lr-d', '0.0002', '--lr-g', '0.0004', '--lr-schedule', 'constant', '--ema-decay', '0'],
};
const schema = z.object({
  ...benchFlags,
  arms: z.string().default('default')
    .refine((s) => s.split(',').every((a) => a in ARMS), { message: `a comma list of ${Object.keys(ARMS).join(', ')}` })
    .describe("arms run on every seed: default (the flags as given), conditional-rates (adds lrD 2e-4, lrG 4e-4, constant, no EMA: the class-conditional default's optimiser)"),
});

await runMain(async () => {
  const args = parseBenchArgs('gan:bench', 'the gan recipe once per seed at a fixed budget', schema, process.argv.slice(2));
  if (args.help) return;
  const config = resolveAppConfig(ganApp.recipe, ganApp.options, args.forward)!; // checks the run flags before anything runs
  const steps = String(config.steps);
  const name = config.dataset === 'mnist' && !config.conditional ? 'gan-unconditional' : 'gan';
  const flags = ['--eval-every', steps, '--sample-every', steps, '--checkpoint-every', steps, ...args.forward];
  const seeds = Array.from({ length: args.own.seeds }, (_, i) => args.own.firstSeed + i);
  const arms = args.own.arms.split(',');
  const { files } = await runBench({
    name,
    title: `gan bench: ${seeds.length} seeds at ${steps} steps${arms.length > 1 ? `, ${arms.join(' vs ')}` : ''}`,
    command: `npx nx run gan:bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    specs: arms.flatMap((arm) => seeds.map((seed) => ({ family: 'gan', flags: [...flags, ...ARMS[arm]], seed, group: arm }))),
    groups: arms,
    columns: [
      { key: 'fd_mnist', label: 'FD-MNIST', digits: 1 },
      { key: 'confident_share', label: 'confident share' },
      { key: 'classes_covered', label: 'classes', digits: 1 },
      { key: 'label_accuracy', label: 'label accuracy' },
      { key: 'ema/fd_mnist', label: 'EMA FD-MNIST', digits: 1 },
      { key: 'ema/confident_share', label: 'EMA confident share' },
    ],
    notes: () => [
      'Metrics from the shipped MNIST classifier on 1,000 samples of a fixed latent batch: `fd_mnist` (Frechet distance in its 128-d feature space to the 2,000 held-out digits), `classes_covered` (digits holding >= 5% of samples), `confident_share` (p >= 0.9; real held-out digits score 0.947), `label_accuracy` (conditional runs: share classified as their label).',
      ...(arms.includes('conditional-rates') ? ["Arms: `default` = the flags as given (unlabelled runs: the unlabelled-images preset, lrD 2e-3, lrG 4e-3, linear decay, EMA 0.999: the plain columns score the raw generator, the EMA columns the averaged one); `conditional-rates` = the same with the class-conditional default's optimiser (lrD 2e-4, lrG 4e-4, constant, no EMA)."] : []),
    ],
    families: { gan: appFamily(ganApp, 'apps/gan/src/main.ts') },
    root: ROOT,
    flags: args.own,
  });
  console.log(`wrote ${files.join(', ')}`);
});
