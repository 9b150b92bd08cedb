/**
 * `npx nx run compare:sweep [--lrs ..] [--seeds 3] [--steps ..] [--families gan,wgan-gp] [--out ..]`:
 * the stability sweep. Trains every family's plain and stabilised recipe on ring8 over a
 * learning-rate grid x seeds (child processes of the apps' mains), judges each run (see
 * convergence.ts) and writes <out>.md, <out>.json and the heatmap <out>.png / .svg.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { svgToPng } from '@stablegen/report';
import { writeFileAtomic } from '@stablegen/run-files';
import { runMain, UserError } from '@stablegen/trainer';
import { CONVERGENCE } from './convergence.js';
import { FAMILIES, FAMILY_NAMES } from './families.js';
import { DEFAULT_LRS, executionOrder, expandGrid, parseFamilies, parseLrs, parseSeeds, parseSteps } from './grid.js';
import { heatmapSvg } from './heatmap.js';
import { runAll } from './launch.js';
import { summarise, sweepMarkdown } from './summary.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

interface Flags {
  lrs: string;
  seeds: string;
  steps?: string;
  families: string;
  out: string;
  runs: string;
  jobs: string;
  backend: string;
}

function parseArgs(argv: string[]): Flags | undefined {
  const program = new Command('compare:sweep')
    .description('stability sweep on ring8: fraction of seeds that converge per family, recipe (plain / stabilised) and learning rate')
    .option('--lrs <list>', 'learning rates, comma-separated', DEFAULT_LRS.join(','))
    .option('--seeds <n|list>', 'seed count (3 = seeds 1..3) or a list', '3')
    .option('--steps <n|family=n,...>', `training steps per run (default ${FAMILY_NAMES.map((f) => `${f}=${FAMILIES[f].defaultSteps}`).join(',')})`)
    .option('--families <list>', 'families to sweep', FAMILY_NAMES.join(','))
    .option('--out <path>', 'output path without extension (.md, .json, .png, .svg)', 'benchmarks/stability-sweep')
    .option('--runs <dir>', 'where the run directories go (a run already there with the same flags is reused)', 'runs/sweep')
    .option('--jobs <n>', 'trainings at a time', '2')
    .option('--backend <name>', 'backend of every run', 'wasm')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help') return undefined;
    throw err;
  }
  return program.opts<Flags>();
}

await runMain(async () => {
  const flags = parseArgs(process.argv.slice(2));
  if (!flags) return;
  const jobs = Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`--jobs ${flags.jobs} is not a positive integer`, 'pass 1 or more');
  const [lrs, seeds, families, steps] = [parseLrs(flags.lrs), parseSeeds(flags.seeds), parseFamilies(flags.families), parseSteps(flags.steps)];
  const runs = expandGrid({ families, lrs, seeds, steps, runsRoot: path.resolve(ROOT, flags.runs) });
  const loadStart = load();
  const t0 = performance.now();
  console.log(`sweep: ${runs.length} runs (${families.join(', ')} x plain/stabilised x ${lrs.length} lrs x ${seeds.length} seeds), ${jobs} at a time; load ${loadStart.join(', ')}`);
  const results = await runAll(executionOrder(runs), {
    backend: flags.backend,
    jobs,
    root: ROOT,
    onDone: (r, done) =>
      console.log(`[${done}/${runs.length}] ${path.basename(r.dir)}: ${r.converged ? 'converged' : `not converged (${r.reason})`}${r.final ? `, modes ${r.final.modes}, hq ${r.final.hq_share.toFixed(3)}, rkl ${r.final.reverse_kl.toFixed(3)}` : ''}, ${r.wallSeconds.toFixed(0)} s${r.reused ? ' (reused)' : ''}`),
  });
  const cells = summarise(results);
  const out = path.resolve(ROOT, flags.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const svg = await heatmapSvg(cells, `ring8: fraction of ${seeds.length} seeds converged (modes >= ${CONVERGENCE.minModes}, reverse KL <= ${CONVERGENCE.maxReverseKl})`);
  writeFileAtomic(`${out}.svg`, svg);
  writeFileAtomic(`${out}.png`, await svgToPng(svg, { scale: 2 }));
  const meta = {
    command: `npx nx run compare:sweep ${process.argv.slice(2).join(' ')}`.trim(),
    steps: Object.fromEntries(families.map((f) => [f, steps[f]])),
    seeds,
    loadStart,
    loadEnd: load(),
    wallMinutes: (performance.now() - t0) / 60_000,
    reused: results.filter((r) => r.reused).length,
    runMinutes: results.reduce((sum, r) => sum + r.wallSeconds, 0) / 60,
    jobs,
    heatmap: `${path.basename(out)}.png`,
  };
  writeFileAtomic(`${out}.md`, sweepMarkdown(cells, meta));
  const runsJson = results.map((r) => ({ ...r, dir: path.relative(ROOT, r.dir) }));
  writeFileAtomic(`${out}.json`, JSON.stringify({ meta, convergence: CONVERGENCE, cells, runs: runsJson }, null, 2) + '\n');
  console.log(`wrote ${[`${out}.md`, `${out}.json`, `${out}.png`, `${out}.svg`].map((f) => path.relative(ROOT, f)).join(', ')}`);
});
