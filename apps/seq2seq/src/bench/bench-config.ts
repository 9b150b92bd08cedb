/** Flags of `nx run seq2seq:bench` (parsed like the trainer's: kebab- or camelCase, --help). */
import { z } from 'zod';
import { DATE_TARGETS } from '@stablegen/data';
import { benchFlags } from '@stablegen/launcher';
import { BACKENDS } from '@stablegen/trainer';

/** The decaying schedules (the constant one is the teacher-forced baseline). */
export const DECAYS = ['linear', 'exponential', 'inverse-sigmoid'] as const;
type Decay = (typeof DECAYS)[number];

export const benchSchema = z.object({
  task: z.enum(DATE_TARGETS as ['iso', 'iso-reversed', 'spelled']).default('iso-reversed').describe('date task of the comparison'),
  steps: z.number().int().positive().default(500).describe('training steps of every run (the same budget for each variant)'),
  ...benchFlags,
  seeds: z.number().int().min(1).default(3).describe('seeds per variant: first-seed .. first-seed + seeds - 1'),
  schedules: z.string().default('linear,inverse-sigmoid')
    .refine((s) => s.split(',').every((n) => (DECAYS as readonly string[]).includes(n)), { message: `a comma list of ${DECAYS.join(', ')}` })
    .describe('scheduled variants, compared with the always teacher-forced one; linear decays to --tf-eps-min at the last step, exponential and inverse-sigmoid cross eps = 0.5 at half the steps'),
  tfEpsMin: z.number().min(0).max(1).default(0.25).describe('floor of the linear schedule'),
  tfMode: z.enum(['greedy', 'sampled']).default('greedy').describe('model token fed when not teacher-forced'),
  batchSize: z.number().int().positive().default(64).describe('examples per batch'),
  testSize: z.number().int().nonnegative().default(0).describe('test pairs scored per run (0 = all)'),
  prefixLengths: z.string().default('auto').describe("prefix lengths of the continuation measurement (the app's --prefix-lengths: 'auto' = 0 and each quarter of the target)"),
  prefixSize: z.number().int().nonnegative().default(1000).describe('test pairs of the continuation measurement per run (0 = all)'),
  backend: z.enum(BACKENDS).default('wasm').describe('tfjs backend'),
  name: z.string().default('seq2seq').describe('writes benchmarks/<name>.md / .json; finished runs in benchmarks/results/<name>.jsonl'),
});

export type BenchConfig = z.infer<typeof benchSchema>;

/** k with k ln k = i (bisection): the inverse-sigmoid schedule k / (k + e^(i/k)) is 1/2 at step i. */
export function inverseSigmoidK(i: number): number {
  let [lo, hi] = [1, Math.max(2, i)];
  for (let n = 0; n < 100; n++) {
    const mid = (lo + hi) / 2;
    if (mid * Math.log(mid) < i) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A schedule's parameters from the step budget (see the `schedules` flag). */
export function scheduleParams(schedule: Decay, c: BenchConfig): { k?: number; c?: number; epsMin?: number } {
  const half = c.steps / 2;
  if (schedule === 'inverse-sigmoid') return { k: Math.max(1, inverseSigmoidK(half)) };
  if (schedule === 'exponential') return { k: 0.5 ** (1 / half) };
  return { c: (1 - c.tfEpsMin) / c.steps, epsMin: c.tfEpsMin };
}

/** The flags of every run: the bench's budget and task (the variant adds its schedule). */
export function baseFlags(c: BenchConfig): string[] {
  const every = String(Math.max(1, Math.round(c.steps / 8)));
  return ['--task', c.task, '--steps', String(c.steps), '--batch-size', String(c.batchSize), '--eval-every', every, '--sample-every', String(c.steps),
    '--checkpoint-every', every, '--keep-checkpoints', '1', '--test-size', String(c.testSize),
    '--prefix-lengths', c.prefixLengths, '--prefix-size', String(c.prefixSize), '--backend', c.backend];
}

/** The variants: always teacher-forced, then one per schedule; the same flags but the schedule. */
export function variants(c: BenchConfig): Array<{ name: string; flags: string[] }> {
  const scheduled = (c.schedules.split(',') as Decay[]).map((name) => {
    const s = scheduleParams(name, c);
    const params = [['--tf-k', s.k], ['--tf-c', s.c], ['--tf-eps-min', s.epsMin]].filter(([, v]) => v !== undefined).flat().map(String);
    return { name: `scheduled-${name}`, flags: ['--tf-schedule', name, ...params, '--tf-mode', c.tfMode] };
  });
  return [{ name: 'teacher-forced', flags: ['--tf-schedule', 'constant', '--tf-eps', '1'] }, ...scheduled];
}
