/**
 * A run is data: a family name, its flags and a seed. A family the launcher may run is a main
 * (the app's entry file, from a fixed table, never from a job) and its schema's resolution of
 * flags into the full config; the run's id is a hash of that resolved config, so the same run
 * asked for twice, from any machine or sitting, has one id and one run directory.
 */
import { createHash } from 'node:crypto';
import { UserError } from '@stablegen/trainer';
import { z } from 'zod';

export interface RunSpec {
  family: string;
  /** The family's flags, as on its command line; not --seed, --out or --resume (the launcher sets them). */
  flags: string[];
  seed: number;
  /** The bench's label of the cell this run belongs to (a table row or column); not part of the id. */
  group?: string;
}

export interface LaunchFamily {
  /** Repository-relative path of the app's main, run as `node --import tsx <main>`. */
  main: string;
  /** The full config these flags resolve to (defaults, presets, flags); throws a UserError on a bad flag. */
  resolve(flags: string[]): Record<string, unknown>;
}

export type Families = Readonly<Record<string, LaunchFamily>>;

export interface PreparedRun {
  id: string;
  spec: RunSpec;
  /** The resolved config (without out / resume / threads: where and how fast a run goes is not what it is). */
  config: Record<string, unknown>;
}

/** What a queue job carries: the spec, nothing else (workers re-validate it against their own families). */
export const runSpecSchema = z.strictObject({
  family: z.string().regex(/^[a-z0-9-]+$/),
  flags: z.array(z.string().max(500)).max(200),
  seed: z.number().int().nonnegative(),
  group: z.string().max(200).optional(),
});

const RESERVED = /^(--(seed|out|resume|help)(=|$)|-h$)/;

/** JSON with sorted keys, so equal configs hash equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * A run's id: a hash of its family and resolved config. The preset's file path (`config`) is left
 * out: every value the preset set is in the resolved config, and its absolute path would tie the
 * id to one checkout, so a fresh clone would retrain every run of a committed results file.
 */
export const runId = (family: string, config: Record<string, unknown>): string => {
  const { config: _presetPath, ...values } = config;
  return `${family}-${createHash('sha256').update(canonical({ family, ...values })).digest('hex').slice(0, 16)}`;
};

/** Validates a spec against the families (unknown family, reserved or bad flags are UserErrors) and gives it its id. */
export function prepareRun(spec: RunSpec, families: Families): PreparedRun {
  const parsed = runSpecSchema.safeParse(spec);
  if (!parsed.success) throw new UserError(`not a run spec: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join('.')}`, 'a job is { family, flags: string[], seed }');
  const family = families[spec.family];
  if (!family) throw new UserError(`unknown family '${spec.family}'`, `this launcher runs: ${Object.keys(families).join(', ')}`);
  const reserved = spec.flags.find((f) => RESERVED.test(f));
  if (reserved) throw new UserError(`${reserved.split('=')[0]} is set by the launcher for each run`, 'give seeds in the run list, not as flags');
  const { out: _o, resume: _r, threads: _t, ...config } = family.resolve([...spec.flags, '--seed', String(spec.seed)]);
  return { id: runId(spec.family, config), spec, config };
}
