/**
 * `npx nx run progressive:bench [--seeds 1] [--first-seed 1] [progressive flags]`: trains the progressive recipe and
 * its `--baseline` (the same final architecture at full resolution from step 1, same loss, same
 * images) once per seed with otherwise identical flags, and writes the final digit metrics of both,
 * wall time and steps/s to benchmarks/progressive.md and .json (benchmarks/progressive-seeds-<a>-<b>.*
 * when --first-seed is not 1, so a later batch of seeds does not overwrite the first). Default
 * budget: the default run's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { initBackend } from '@stablegen/backend';
import { writeFileAtomic } from '@stablegen/run-files';
import { runMain, runSeedBench, type SeedBenchResult, takeIntFlag } from '@stablegen/trainer';
import { progressiveRecipe } from './recipe.js';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const METRICS = ['fd_mnist', 'classes_covered', 'confident_share', 'raw_fd_mnist', 'raw_classes_covered', 'raw_confident_share', 'wall_seconds', 'steps_per_second'];

function markdown(runs: Record<string, SeedBenchResult>, argv: string[], loads: Record<string, string>): string {
  const cell = (r: SeedBenchResult, k: string) => (r.summary[k] ? `${fmt(r.summary[k].mean)} ± ${fmt(r.summary[k].std)}` : '-');
  return [
    '# progressive bench: progressive growing vs the same network trained at 32x32 from the start',
    '',
    `Flags: \`${argv.join(' ') || '(defaults)'}\`; seeds ${runs.progressive.runs.map((r) => r.seed).join(', ')}; ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores.`,
    `Load average (1 / 5 / 15 min) after each arm: ${Object.entries(loads).map(([k, v]) => `${k} ${v}`).join('; ')}.`,
    '',
    'Both arms see the same number of real images (steps x batch) with the same loss (WGAN-GP + drift), optimiser and final architecture;',
    'the baseline trains every step at full resolution. Metrics: the shipped MNIST classifier on 1,000 samples of a fixed latent batch from the',
    'EMA generator (`raw_` = the raw generator), 32x32 outputs cropped to 28x28: `fd_mnist` (Frechet distance to the 2,000 held-out digits,',
    'lower is better), `classes_covered` (digits holding >= 5% of samples), `confident_share` (p >= 0.9; real digits 0.947). Mean ± std over seeds.',
    '',
    '| metric | progressive | baseline |',
    '| --- | ---: | ---: |',
    ...METRICS.map((k) => `| ${k} | ${cell(runs.progressive, k)} | ${cell(runs.baseline, k)} |`),
    '',
  ].join('\n');
}

await runMain(async () => {
  const argv = process.argv.slice(2);
  const seeds = takeIntFlag(argv, 'seeds', 1);
  const firstSeed = takeIntFlag(argv, 'first-seed', 1);
  const backend = argv.includes('--backend') ? argv[argv.indexOf('--backend') + 1] : 'auto';
  await initBackend(backend);
  const flags = [...argv, '--sample-every', '100000', '--checkpoint-every', '100000'];
  const seedList = Array.from({ length: seeds }, (_, i) => firstSeed + i);
  const base = firstSeed === 1 ? 'benchmarks/progressive' : `benchmarks/progressive-seeds-${firstSeed}-${firstSeed + seeds - 1}`;
  const runs: Record<string, SeedBenchResult> = {};
  const loads: Record<string, string> = {};
  for (const [arm, extra] of [['progressive', []], ['baseline', ['--baseline']]] as const) {
    console.log(`${arm}: load ${load()}`);
    runs[arm] = await runSeedBench(progressiveRecipe, seedList, [...flags, ...extra]);
    loads[arm] = load();
  }
  fs.mkdirSync('benchmarks', { recursive: true });
  writeFileAtomic(`${base}.md`, markdown(runs, argv, loads));
  writeFileAtomic(`${base}.json`, JSON.stringify({ argv, loads, ...runs }, null, 2) + '\n');
  console.log(`wrote ${base}.md and ${base}.json`);
});
