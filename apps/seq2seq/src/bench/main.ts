/**
 * `npx nx run seq2seq:bench -- [--task iso-reversed] [--steps 500] [--seeds 3] [--schedules linear,inverse-sigmoid] [--jobs 2]`:
 * the always-teacher-forced and each scheduled variant with the same budget on each seed, through
 * the launcher; test exact match and token accuracies (mean, 95% interval) and the paired
 * differences to benchmarks/<name>.md and .json, finished runs kept in benchmarks/results/.
 */
import { fileURLToPath } from 'node:url';
import { appFamily, parseBenchArgs, type RunRecord, runBench, summarise } from '@stablegen/launcher';
import { runMain } from '@stablegen/trainer';
import { seq2seqApp } from '../app.js';
import { baseFlags, benchSchema, variants } from './bench-config.js';
import { prefixTable } from './prefix-table.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const pct = (s: { mean: number; ci95: number }) => `${(100 * s.mean).toFixed(2)} ± ${(100 * s.ci95).toFixed(2)}`;

/** Each scheduled variant minus the teacher-forced one, paired by seed. */
function pairedDifferences(names: string[], records: RunRecord[]): string[] {
  const at = (name: string, seed: number, key: string) => records.find((r) => r.group === name && r.seed === seed)?.final[key] ?? Number.NaN;
  const seeds = [...new Set(records.map((r) => r.seed))];
  return names.slice(1).map((name) => {
    const d = (key: string) => summarise(seeds.map((s) => at(name, s, key) - at(names[0], s, key)));
    const wins = seeds.filter((s) => at(name, s, 'test/exact_match') > at(names[0], s, 'test/exact_match')).length;
    return `- ${name} minus ${names[0]} (paired by seed): exact match ${pct(d('test/exact_match'))} points (ahead on ${wins} of ${seeds.length} seeds), free-running token accuracy ${pct(d('test/free_token_acc'))} points.`;
  });
}

await runMain(async () => {
  const args = parseBenchArgs('seq2seq:bench', 'teacher-forced against scheduled sampling, same budget, several seeds', benchSchema, process.argv.slice(2));
  if (args.help) return;
  const c = args.own;
  const vs = variants(c);
  const seeds = Array.from({ length: c.seeds }, (_, i) => c.firstSeed + i);
  const { files } = await runBench({
    name: c.name,
    title: `seq2seq bench: teacher forcing against scheduled sampling on ${c.task}, ${c.steps} steps, ${seeds.length} seeds`,
    command: `npx nx run seq2seq:bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    specs: seeds.flatMap((seed) => vs.map((v) => ({ family: 'seq2seq', flags: [...baseFlags(c), ...v.flags, ...args.forward], seed, group: v.name }))),
    groups: vs.map((v) => v.name),
    columns: [
      { key: 'test/exact_match', label: 'test exact match, greedy (%)', scale: 100, digits: 2 },
      { key: 'test/exact_match_beam', label: 'beam (%)', scale: 100, digits: 2 },
      { key: 'test/free_token_acc', label: 'free-running token acc. (%)', scale: 100, digits: 2 },
      { key: 'test/tf_token_acc', label: 'teacher-forced token acc. (%)', scale: 100, digits: 2 },
      { key: 'test/exposure_gap', label: 'exposure gap (points)', scale: 100, digits: 2 },
    ],
    notes: (records) => [...pairedDifferences(vs.map((v) => v.name), records), ...prefixTable(vs.map((v) => v.name), records)],
    families: { seq2seq: appFamily(seq2seqApp, 'apps/seq2seq/src/main.ts') },
    root: ROOT,
    flags: c,
  });
  console.log(`wrote ${files.join(', ')}`);
});
