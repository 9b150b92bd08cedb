/**
 * `npx nx run wgan-gp:bench -- --dataset ring8|grid25|mnist [--seeds N] [--jobs 2] [--queue ..] [training flags]`:
 * N training runs at the recipe's fixed budget through the launcher; mean and 95% interval of the
 * figures to benchmarks/wgan-gp-<dataset>.md and .json, finished runs kept in benchmarks/results/.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isMixtureName } from '@stablegen/data';
import { appFamily, benchFlags, parseBenchArgs, runBench } from '@stablegen/launcher';
import { resolveAppConfig, runMain } from '@stablegen/trainer';
import { wganGpApp } from './app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const schema = z.object({
  dataset: z.string().default('mnist').describe('what to train on; ring8 / grid25 start from configs/<name>.json'),
  ...benchFlags,
  seeds: z.number().int().positive().optional().describe('seeds (default 10 for the 2-D mixtures, 5 for MNIST)'),
});

/** PacGAN (Lin et al. 2018, Table 1: mean over 10 trials, 2,500 samples) for comparison. */
const PUBLISHED: Record<string, string> = {
  ring8: 'Published (PacGAN, Lin et al. 2018, Table 1): PacGAN2 7.9 modes, 95.6% HQ, reverse KL 0.07; GAN (best HQ) 6.3 modes, 98.2% HQ.',
  grid25: 'Published (PacGAN, Lin et al. 2018, Table 1): PacGAN4 24.8 modes, 93.6% HQ, reverse KL 0.04.',
};

await runMain(async () => {
  const args = parseBenchArgs('wgan-gp:bench', 'wgan-gp runs at a fixed budget, one per seed', schema, process.argv.slice(2));
  if (args.help) return;
  const { dataset } = args.own;
  const forward = ['--dataset', dataset, ...args.forward];
  resolveAppConfig(wganGpApp.recipe, wganGpApp.options, forward); // a bad run flag stops here, before anything runs
  const mixture = isMixtureName(dataset);
  const count = args.own.seeds ?? (mixture ? 10 : 5);
  const seeds = Array.from({ length: count }, (_, i) => args.own.firstSeed + i);
  const columns = mixture
    ? ['modes', 'hq_share', 'reverse_kl'].flatMap((k) => [{ key: k, label: k, digits: 3 }, { key: `ema/${k}`, label: `EMA ${k}`, digits: 3 }])
    : ['fd_mnist', 'classes_covered', 'confident_share'].flatMap((k) => [{ key: k, label: k, digits: 3 }, { key: `ema/${k}`, label: `EMA ${k}`, digits: 3 }]);
  const { files } = await runBench({
    name: `wgan-gp-${dataset.replace(/[^a-z0-9]+/gi, '-')}`,
    title: `wgan-gp bench: ${dataset}, ${seeds.length} seeds`,
    command: `npx nx run wgan-gp:bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    specs: seeds.map((seed) => ({ family: 'wgan-gp', flags: forward, seed, group: dataset })),
    columns,
    notes: () => [mixture ? `PacGAN metrics on 2,500 samples of a fixed latent batch (modes with a sample within 3 std, share of such samples, reverse KL of the mode histogram), raw and EMA generator. ${PUBLISHED[dataset] ?? ''}` : 'Digit metrics from the shipped MNIST classifier on 1,000 samples of a fixed latent batch, raw and EMA generator.'],
    families: { 'wgan-gp': appFamily(wganGpApp, 'apps/wgan-gp/src/main.ts') },
    root: ROOT,
    flags: args.own,
  });
  console.log(`wrote ${files.join(', ')}`);
});
