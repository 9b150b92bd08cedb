/**
 * A fixed-budget benchmark over seeds: trains a recipe once per seed (same flags otherwise), reads
 * each run's final metrics, and summarises every metric as mean, standard deviation, min and max,
 * with wall time and steps/s. Written as markdown and JSON so figures can be quoted and compared.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finalMetrics, writeFileAtomic } from '@stablegen/run-files';
import type { BaseConfig } from './config/base-config.js';
import { resolveConfig } from './config/resolve-config.js';
import type { Recipe } from './recipe.js';
import { train } from './train.js';

export interface SeedRun {
  seed: number;
  /** Last logged value of every metric. */
  final: Record<string, number>;
  wallSeconds: number;
  stepsPerSecond: number;
}

export interface MetricSummary {
  mean: number;
  std: number;
  min: number;
  max: number;
}

export interface SeedBenchResult {
  family: string;
  argv: string[];
  runs: SeedRun[];
  summary: Record<string, MetricSummary>;
}

export function summarise(values: number[]): MetricSummary {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, std, min: Math.min(...values), max: Math.max(...values) };
}

/** Trains `recipe` for each seed with `argv` (flags without --seed / --out). */
export async function runSeedBench<C extends BaseConfig, M>(recipe: Recipe<C, M>, seeds: number[], argv: string[], log = console.log): Promise<SeedBenchResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${recipe.family}-bench-`));
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    const out = path.join(root, `seed-${seed}`);
    const config = resolveConfig(recipe.family, recipe.summary, recipe.schema, [...argv, '--seed', String(seed), '--out', out])!.config as Readonly<C>;
    const started = performance.now();
    await train(recipe, config, { tty: false, log: () => {} });
    const wallSeconds = (performance.now() - started) / 1000;
    runs.push({ seed, final: finalMetrics(out), wallSeconds, stepsPerSecond: config.steps / wallSeconds });
    log(`seed ${seed}: ${JSON.stringify(runs[runs.length - 1].final)} in ${wallSeconds.toFixed(0)} s`);
  }
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.final)))];
  const summary = Object.fromEntries(
    [...keys.map((k) => [k, summarise(runs.map((r) => r.final[k]).filter(Number.isFinite))] as const),
      ['wall_seconds', summarise(runs.map((r) => r.wallSeconds))] as const,
      ['steps_per_second', summarise(runs.map((r) => r.stepsPerSecond))] as const],
  );
  fs.rmSync(root, { recursive: true, force: true });
  return { family: recipe.family, argv, runs, summary };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3));

/** Writes `<base>.md` and `<base>.json`. */
export function writeSeedBench(result: SeedBenchResult, base: string, notes: string[] = []): void {
  fs.mkdirSync(path.dirname(base), { recursive: true });
  const lines = [
    `# ${result.family} bench: ${result.runs.length} seeds at a fixed budget`,
    '',
    `Command flags: \`${result.argv.join(' ')}\`; seeds ${result.runs.map((r) => r.seed).join(', ')}; ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}).`,
    ...notes.map((n) => `\n${n}`),
    '',
    '| metric | mean | std | min | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(result.summary).map(([k, s]) => `| ${k} | ${fmt(s.mean)} | ${fmt(s.std)} | ${fmt(s.min)} | ${fmt(s.max)} |`),
    '',
    '| seed | wall s | steps/s | final metrics |',
    '| ---: | ---: | ---: | --- |',
    ...result.runs.map((r) => `| ${r.seed} | ${r.wallSeconds.toFixed(0)} | ${r.stepsPerSecond.toFixed(2)} | ${Object.entries(r.final).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} |`),
  ];
  writeFileAtomic(`${base}.md`, lines.join('\n') + '\n');
  writeFileAtomic(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
}
