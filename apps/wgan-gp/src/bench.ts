/**
 * `npx nx run wgan-gp:bench --dataset ring8|grid25|mnist --seeds N [training flags]`: N training
 * runs at the recipe's fixed budget, one child process each, `--jobs` at a time (default 1); mean and spread of
 * every figure to benchmarks/wgan-gp-<dataset>.md and .json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMain } from '@stablegen/trainer';
import { BENCH_USAGE, parseBenchArgs } from './bench/args.js';
import { writeBench } from './bench/bench-report.js';
import { runSeed, type SeedResult } from './bench/run-seed.js';

const root = process.cwd();

await runMain(async () => {
  const argv = process.argv.slice(2);
  const args = parseBenchArgs(argv);
  if (args.help) {
    console.log(BENCH_USAGE);
    return;
  }
  const loadStart = os.loadavg()[0];
  const runs: SeedResult[] = new Array(args.seeds);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < args.seeds; i = next++) {
      const seed = args.firstSeed + i;
      const result = await runSeed(root, seed, path.join(args.runsDir, `seed-${seed}`), ['--dataset', args.dataset, ...args.forward]);
      runs[i] = result;
      const m = result.metrics;
      const figures = Object.entries(m).filter(([k]) => ['modes', 'hq_share', 'reverse_kl', 'fd_mnist', 'classes_covered', 'wall_s'].includes(k.replace(/^ema\//, '')));
      console.log(`seed ${seed}: ${result.exitCode === 0 ? figures.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ') : `failed: ${result.error}`}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.jobs, args.seeds) }, worker)); // seeds in order in `runs`, `jobs` at a time
  const first = runs.find((r) => r.exitCode === 0);
  const { seed: _seed, out: _out, ...config } = first ? JSON.parse(fs.readFileSync(path.join(root, first.runDir, 'config.json'), 'utf8')) : { seed: 0, out: '' };
  const environment = {
    command: `npx nx run wgan-gp:bench ${argv.join(' ')}`.trim(),
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}`,
    load: [loadStart, os.loadavg()[0]] as [number, number],
  };
  const out = writeBench(args.reportDir, { dataset: args.dataset, environment, config, runs });
  console.log(`bench: ${out.md}, ${out.json}`);
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
});
