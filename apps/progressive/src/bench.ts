/**
 * `npx nx run progressive:bench -- [--seeds 1] [--first-seed 1] [--arms progressive,baseline] [--jobs 2] [--queue ..] [progressive flags]`:
 * the progressive recipe and its `--baseline` (or the identity warm-start arms) (the same final architecture at full resolution from
 * step 1, same loss, same images) once per seed with otherwise identical flags, through the
 * launcher; benchmarks/progressive.md and .json (benchmarks/progressive-seeds-<a>-<b>.* when
 * --first-seed is not 1), finished runs kept in benchmarks/results/, their evaluation curves in
 * benchmarks/<name>-curves.json; the table at equal images (the runs' ends) and at equal training
 * time (equal-time.ts). Runs go seed by seed, every arm in turn, so a change of load hits the arms
 * alike. Default budget: the default run's.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { appFamily, benchFlags, parseBenchArgs, runBench } from '@stablegen/launcher';
import { resolveAppConfig, runMain } from '@stablegen/trainer';
import { svgToPng } from '@stablegen/report';
import { writeFileAtomic } from '@stablegen/run-files';
import { progressiveApp } from './app.js';
import { keptCurvePoints, curvesSvg, readCurvePoints } from './bench-curves.js';
import { equalTimeMarkdown, equalTimeRows } from './equal-time.js';
import { widthsOf } from './models.js';
import { stagesFor } from './phases.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The arms a bench may compare; each adds its flags to the shared ones. */
const ARMS: Record<string, string[]> = {
  progressive: [],
  baseline: ['--baseline'],
  identity: ['--identity-growth'],
  'identity-no-fade': ['--identity-growth', '--fade-images', '0'],
};
const schema = z.object({
  ...benchFlags,
  seeds: benchFlags.seeds.default(1),
  arms: z.string().default('progressive,baseline')
    .refine((s) => s.split(',').every((a) => a in ARMS), { message: `a comma list of ${Object.keys(ARMS).join(', ')}` })
    .describe("arms compared on every seed: progressive (fade-in, random new blocks), baseline (32x32 from step 1), identity (--identity-growth with the fade-in), identity-no-fade (--identity-growth, --fade-images 0); identity arms need --widths that double, e.g. 8,16,32,64"),
  name: z.string().default('').describe('writes benchmarks/<name>.md / .json (default: progressive, or progressive-seeds-<a>-<b> from --first-seed)'),
});
const METRICS = ['fd_mnist', 'classes_covered', 'confident_share', 'raw_fd_mnist', 'raw_classes_covered', 'raw_confident_share'];

await runMain(async () => {
  const args = parseBenchArgs('progressive:bench', 'progressive growing against the same network trained at full resolution', schema, process.argv.slice(2));
  if (args.help) return;
  const flags = [...args.forward, '--sample-every', '100000', '--checkpoint-every', '200'];
  resolveAppConfig(progressiveApp.recipe, progressiveApp.options, flags); // a bad run flag stops here
  const { seeds, firstSeed } = args.own;
  const seedList = Array.from({ length: seeds }, (_, i) => firstSeed + i);
  const arms: [string, string[]][] = args.own.arms.split(',').map((a) => [a, ARMS[a]]);
  for (const [, extra] of arms) {
    const config = resolveAppConfig(progressiveApp.recipe, progressiveApp.options, [...flags, ...extra]);
    if (config) widthsOf(config, stagesFor(config.resolution)); // e.g. --identity-growth on widths that do not double stops here, not in every run
  }
  const name = args.own.name || (firstSeed === 1 ? 'progressive' : `progressive-seeds-${firstSeed}-${firstSeed + seeds - 1}`);
  const store = path.resolve(ROOT, args.own.store);
  const curvesFile = path.join(ROOT, 'benchmarks', `${name}-curves.json`);
  const pointsOf = (records: Parameters<typeof keptCurvePoints>[0]) => keptCurvePoints(records, store, readCurvePoints(curvesFile));
  const reference = arms.some(([a]) => a === 'baseline') ? 'baseline' : arms[0][0];
  const { files, records } = await runBench({
    name,
    title: `progressive bench: ${arms.map(([a]) => a).join(' vs ')} at equal images`,
    command: `npx nx run progressive:bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    specs: seedList.flatMap((seed) => arms.map(([arm, extra]) => ({ family: 'progressive', flags: [...flags, ...extra], seed, group: arm }))),
    groups: arms.map(([arm]) => arm),
    columns: METRICS.map((key) => ({ key, label: key, digits: key.includes('fd') ? 1 : 3 })),
    notes: (records) => [
      ...(pointsOf(records).length > 0 ? [`![FD-MNIST and confident share against images and seconds, every run and each arm's mean](${name}-curves.png)`] : []),
      'Every arm sees the same number of real images (steps x batch) with the same loss (WGAN-GP + drift), optimiser and final architecture. progressive: new blocks start at random and fade in; baseline: every step at full resolution; identity: new generator blocks start as the identity (--identity-growth), with the fade-in; identity-no-fade: the identity start and no fade (each stage --fade-images shorter, so it reaches the final resolution earlier and spends more steps there). Metrics: the shipped MNIST classifier on 1,000 samples of a fixed latent batch from the EMA generator (`raw_` = the raw generator), 32x32 outputs cropped to 28x28: `fd_mnist` (lower is better), `classes_covered` (digits holding >= 5% of samples), `confident_share` (p >= 0.9; real digits 0.947).',
      equalTimeMarkdown(equalTimeRows(pointsOf(records), arms.map(([a]) => a), reference), reference),
      'The tables below are at equal images (every run to its last step).',
    ].filter((note) => note !== ''),
    families: { progressive: appFamily(progressiveApp, 'apps/progressive/src/main.ts') },
    root: ROOT,
    flags: args.own,
  });
  const points = pointsOf(records);
  if (points.length > 0) {
    writeFileAtomic(curvesFile, JSON.stringify(points) + '\n');
    files.push(curvesFile);
    const svg = await curvesSvg(points, `${name}: EMA generator, ${seeds} seed(s) per arm (thin: each run; thick: the arm's mean at equal images)`);
    const base = path.join(ROOT, 'benchmarks', `${name}-curves`);
    writeFileAtomic(`${base}.svg`, svg);
    writeFileAtomic(`${base}.png`, await svgToPng(svg, { scale: 2 }));
    files.push(`${base}.png`);
  }
  console.log(`wrote ${files.join(', ')}`);
});
