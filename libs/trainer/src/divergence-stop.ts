/**
 * The divergence test every run has (a divergence guard, `--guard`, replaces it with rollbacks):
 * a NaN or infinite metric, or a loss or gradient norm whose magnitude exceeds `factor` times its
 * scale at the start of the run, max(1, |value at the first step it was logged|), stops the run.
 * The scales are checkpointed, so a resumed run keeps judging against the same start.
 */
import type { z } from 'zod';
import { isLearningRateKey } from './config/base-config.js';
import { kebab } from './config/schema-fields.js';

/** Metrics watched for blow-up: losses ('loss', 'loss/d', 'ema/loss...') and gradient norms ('grad_norm'). */
export const isWatchedForBlowUp = (key: string): boolean => /(^|\/)(loss|grad_norm)/.test(key);

const fmt = (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(4))));

export class DivergenceStop {
  /** Per watched metric: max(1, |its value at the first step it was seen|). */
  readonly scales: Record<string, number>;

  constructor(
    readonly factor: number,
    scales: Record<string, number> = {},
  ) {
    this.scales = { ...scales };
  }

  /** Why the run must stop after a step with these metrics, or undefined. */
  check(metrics: Record<string, number>): string | undefined {
    for (const [key, value] of Object.entries(metrics)) {
      if (!Number.isFinite(value)) return `${key} is ${value}`;
      if (this.factor <= 0 || !isWatchedForBlowUp(key)) continue;
      const scale = (this.scales[key] ??= Math.max(1, Math.abs(value)));
      if (Math.abs(value) > this.factor * scale) return `|${key}| = ${fmt(Math.abs(value))} exceeds ${fmt(this.factor)} x its scale at the start (${fmt(scale)})`;
    }
    return undefined;
  }
}

/** The learning-rate flags of a family's schema (`--lr`, `--lr-d`, `--lr-g`, ...), for hints. */
export function learningRateFlags(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape)
    .filter(isLearningRateKey)
    .map((k) => `--${kebab(k)}`);
}

/** The hint of a diverged run: continue from the last checkpoint with a lower rate, or start again. */
export function divergenceHint(o: { root: string; lastCheckpoint?: number; lrFlags: string[]; factor: number }): string {
  const flags = o.lrFlags.length > 0 ? o.lrFlags.join(' / ') : 'the learning rate';
  const raise = o.factor > 0 ? `; if this growth is expected, raise --divergence-factor (now ${o.factor})` : '';
  if (o.lastCheckpoint === undefined) return `the run wrote no checkpoint, so ${o.root} was removed: start again with a lower ${flags}${raise}`;
  return `continue from step ${o.lastCheckpoint} with a lower rate: --resume ${o.root} ${o.lrFlags[0] ?? '--lr'} <smaller>${raise}`;
}
