/**
 * The one bench harness. A family's bench keeps what is its own (its run specs and its table's
 * columns); this parses the bench's flags by a schema (both spellings: --backend=cpu, --backend
 * cpu, --seeds=3, camelCase), passes every other flag to the runs (checked by the family's schema
 * before anything runs), launches, and writes benchmarks/<name>.md / .json from the results, which
 * are kept in benchmarks/results/<name>.jsonl for later sittings.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { camel, parseCommand, schemaFields } from '@stablegen/trainer';
import { launch, launcherFlags } from './launch.js';
import type { RunRecord } from './run-job.js';
import type { Families, RunSpec } from './run-spec.js';
import { type Column, writeSummary } from './summary.js';

/** Flags every bench has: seeds and the launcher's (jobs, queue, store). */
export const benchFlags = {
  seeds: z.number().int().positive().default(5).describe('seeds per arm: first-seed .. first-seed + seeds - 1'),
  firstSeed: z.number().int().nonnegative().default(1).describe('first seed'),
  ...launcherFlags,
};

/**
 * Splits argv into the bench's own flags (the keys of `schema`, parsed and validated by it) and the
 * rest, which go to every run. `--help` prints the bench's flags; then `help` is true.
 */
export function parseBenchArgs<S extends z.ZodObject>(name: string, summary: string, schema: S, argv: readonly string[]): { help: true } | { help: false; own: z.infer<S>; forward: string[] } {
  const kinds = new Map(schemaFields(schema).map((f) => [f.key, f.kind]));
  const own: string[] = [];
  const forward: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(=.*)?$/.exec(argv[i]);
    const kind = m ? kinds.get(camel(m[1])) : undefined;
    if (argv[i] === '-h' || argv[i] === '--help' || kind) {
      own.push(argv[i]);
      if (kind && kind !== 'boolean' && !m![2] && i + 1 < argv.length) own.push(argv[++i]); // `--seeds 3`; booleans take no separate value
    } else forward.push(argv[i]);
  }
  const values = parseCommand(name, summary, schema, own, (text) => process.stdout.write(`${text}\nEvery other flag goes to each training run (see the family's --help).\n`));
  return values === undefined ? { help: true } : { help: false, own: values, forward };
}

export interface BenchOptions {
  /** benchmarks/<name>.md / .json and benchmarks/results/<name>.jsonl. */
  name: string;
  title: string;
  command: string;
  specs: RunSpec[];
  columns: Column[];
  families: Families;
  /** Repository root (the apps' cwd). */
  root: string;
  flags: { jobs: number; queue?: string; store: string };
  /** Lines under the title (what the metrics mean); may look at the records. */
  notes?: (records: RunRecord[]) => string[];
  groups?: string[];
}

export async function runBench(o: BenchOptions): Promise<{ records: RunRecord[]; files: string[] }> {
  const base = path.join(o.root, 'benchmarks', o.name);
  const records = await launch(o.specs, {
    families: o.families,
    root: o.root,
    store: path.resolve(o.root, o.flags.store),
    jobs: o.flags.jobs,
    queue: o.flags.queue,
    results: path.join(o.root, 'benchmarks', 'results', `${o.name}.jsonl`),
  });
  const files = writeSummary(base, { title: o.title, command: o.command, notes: o.notes?.(records), records, columns: o.columns, groups: o.groups, planned: o.specs.length });
  return { records, files };
}
