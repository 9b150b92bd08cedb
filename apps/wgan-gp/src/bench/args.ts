/**
 * Flags of `nx run wgan-gp:bench`: --dataset, --seeds, --first-seed, --runs, --report-dir; every
 * other flag is passed on to each training run (e.g. --steps 500). Accepts `--x v`, `--x=v` and
 * Nx's camelCase spellings.
 */
import { UserError } from '@stablegen/trainer';
import { isMixtureName } from '@stablegen/gan-training';

export interface BenchArgs {
  dataset: string;
  /** Seeds firstSeed .. firstSeed + seeds - 1, one training run each. */
  seeds: number;
  firstSeed: number;
  /** Where the run directories go. */
  runsDir: string;
  /** Where wgan-gp-<dataset>.md / .json are written. */
  reportDir: string;
  /** Flags for every training run. */
  forward: string[];
}

const OWN = new Set(['dataset', 'seeds', 'firstSeed', 'runs', 'reportDir']);
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
  const { own, forward } = split(argv);
  for (const f of forward) {
    if (/^--(seed|out|resume)(=|$)/.test(f)) throw new UserError(`${f.split('=')[0]} is set by the bench for each run`, 'use --first-seed and --runs instead');
  }
  const dataset = own.dataset ?? 'mnist';
  const seeds = positiveInt('seeds', own.seeds ?? (isMixtureName(dataset) ? '10' : '5'), 1);
  return {
    dataset,
    seeds,
    firstSeed: positiveInt('first-seed', own.firstSeed ?? '1', 0),
    runsDir: own.runs ?? `runs/wgan-gp-bench/${dataset.replace(/[^a-z0-9]+/gi, '-')}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
    reportDir: own.reportDir ?? 'benchmarks',
    forward,
  };
}
