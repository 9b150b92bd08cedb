/**
 * `npx nx run seq2seq:bench [--task iso-reversed] [--steps 500] [--seeds 3] [--schedules linear,inverse-sigmoid]`:
 * trains the always-teacher-forced and the scheduled variant with the same budget on each seed,
 * and writes the test exact match (mean, spread) to benchmarks/seq2seq.md and .json, plus a
 * comparison report of all runs.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { initBackend } from '@stablegen/backend';
import { writeComparisonReport } from '@stablegen/report';
import { parseFlags, runMain, UserError } from '@stablegen/trainer';
import { benchSchema, variants, type BenchConfig } from './bench-config.js';
import { runVariant, type RunResult } from './run-variant.js';
import { writeResults } from './write-results.js';

function parse(argv: string[]): BenchConfig | undefined {
  const parsed = parseFlags('seq2seq:bench', 'teacher-forced against scheduled sampling, same budget, several seeds', benchSchema, argv);
  if (parsed.help) return void process.stdout.write(parsed.text);
  const result = benchSchema.strict().safeParse(parsed.values);
  if (!result.success) throw new UserError(`bad bench flag: ${result.error.issues[0].message} (${result.error.issues[0].path.join('.')})`, 'see --help');
  return result.data;
}

await runMain(async () => {
  const c = parse(process.argv.slice(2));
  if (!c) return;
  await initBackend(c.backend);
  const root = c.runs || path.join('runs', 'seq2seq-bench', new Date().toISOString().replace(/[:.]/g, '-'));
  const vs = variants(c);
  const results: RunResult[] = [];
  const loadStart = os.loadavg();
  for (let seed = 1; seed <= c.seeds; seed++) {
    for (const v of vs) {
      const dir = path.join(root, `${v.name.split(' ')[0]}-seed${seed}`);
      const r = await runVariant(c, v, seed, dir);
      results.push(r);
      console.log(`${v.name} seed ${seed}: test exact match ${(100 * r.final['test/exact_match']).toFixed(2)}% (${r.wallSeconds.toFixed(0)} s)`);
    }
  }
  const command = `nx run seq2seq:bench ${process.argv.slice(2).join(' ')}`.trim();
  for (const file of writeResults(c, vs.map((v) => v.name), results, command, { start: loadStart, end: os.loadavg() })) console.log(`wrote ${file}`);
  const report = await writeComparisonReport(results.map((r) => r.dir), path.join(root, 'comparison'));
  console.log(`comparison report: ${report.htmlPath}`);
});
