/**
 * Flags of `nx run wgan-gp:bench`: --dataset, --seeds, --first-seed, --jobs, --runs, --report-dir; every
 * other flag is passed on to each training run (e.g. --steps 500). Accepts `--x v`, `--x=v` and
 * Nx's camelCase spellings.
 */
import { UserError } from '@stablegen/trainer';
import { isMixtureName } from '@stablegen/data';

export interface BenchArgs {
  /** `--help` / `-h`: print BENCH_USAGE and run nothing. */
  help: boolean;
  dataset: string;
  /** Seeds firstSeed .. firstSeed + seeds - 1, one training run each. */
  seeds: number;
  firstSeed: number;
  /** Training runs at once (each is one single-threaded wasm process; default 1). */
  jobs: number;
  /** Where the run directories go. */
  runsDir: string;
  /** Where wgan-gp-<dataset>.md / .json are written. */
  reportDir: string;
  /** Flags for every training run. */
  forward: string[];
}

export const BENCH_USAGE = `Usage: npx nx run wgan-gp:bench -- [--dataset ring8|grid25|mnist] [--seeds N] [--first-seed S] [--jobs J] [--runs DIR] [--report-dir DIR] [training flags]

  --dataset     what to train on (default mnist); ring8 / grid25 start from configs/<name>.json
  --seeds       training runs, seeds first-seed .. first-seed + N - 1 (default 10 for 2-D, 5 for MNIST)
  --first-seed  first seed (default 1)
  --jobs        training runs at once, one process each (default 1; 2 uses both cores of a 2-core machine)
  --runs        where the run directories go (default runs/wgan-gp-bench/<dataset>-<time>)
  --report-dir  where wgan-gp-<dataset>.md / .json are written (default benchmarks)
  Every other flag goes to each training run (see npx nx run wgan-gp:train -- --help), e.g. --steps 500.`;

const OWN = new Set(['dataset', 'seeds', 'firstSeed', 'jobs', 'runs', 'reportDir']);
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function positiveInt(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`--${name} must be an integer >= ${min}, got '${value}'`, `pass e.g. --${name} 10`);
  return n;
}

/** Splits argv into the bench's own flags and the ones for training. */
function split(argv: readonly string[]): { own: Record<string, string>; forward: string[] } {
  const own: Record<string, string> = {};
  const forward: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    const key = m ? camel(m[1]) : '';
    if (!m || !OWN.has(key)) {
      forward.push(argv[i]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new UserError(`--${m[1]} needs a value`, 'see apps/wgan-gp/README.md for the bench flags');
    own[key] = value;
  }
  return { own, forward };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const help = argv.some((a) => a === '--help' || a === '-h' || a === '--help=true');
  const { own, forward } = split(argv.filter((a) => !help || !/^(--help(=true)?|-h)$/.test(a)));
  for (const f of forward) {
    if (/^--(seed|out|resume)(=|$)/.test(f)) throw new UserError(`${f.split('=')[0]} is set by the bench for each run`, 'use --first-seed and --runs instead');
  }
  const dataset = own.dataset ?? 'mnist';
  const seeds = positiveInt('seeds', own.seeds ?? (isMixtureName(dataset) ? '10' : '5'), 1);
  return {
    help,
    dataset,
    seeds,
    firstSeed: positiveInt('first-seed', own.firstSeed ?? '1', 0),
    jobs: positiveInt('jobs', own.jobs ?? '1', 1),
    runsDir: own.runs ?? `runs/wgan-gp-bench/${dataset.replace(/[^a-z0-9]+/gi, '-')}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
    reportDir: own.reportDir ?? 'benchmarks',
    forward,
  };
}
