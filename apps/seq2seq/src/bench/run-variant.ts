/** One benchmark run: train a variant on a seed through the trainer, then read its final scores. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeRunReport } from '@stablegen/report';
import { resolveConfig, train } from '@stablegen/trainer';
import type { Seq2SeqConfig } from '../config.js';
import { seq2seqRecipe } from '../recipe.js';
import { saveModelAtEnd } from '../save-callback.js';
import type { BenchConfig } from './bench-config.js';

export interface RunResult {
  variant: string;
  seed: number;
  dir: string;
  /** training seconds (the trainer's clock: evaluation and checkpoints excluded) */
  trainSeconds: number;
  /** wall seconds of the whole run, final test scoring included */
  wallSeconds: number;
  /** the last evaluation line: val/*, test/* */
  final: Record<string, number>;
}

/** The flags of one run: the bench's budget and task, the variant's schedule, the seed. */
export function runArgv(c: BenchConfig, flags: string[], seed: number, dir: string): string[] {
  const every = String(Math.max(1, Math.round(c.steps / 8)));
  return ['--task', c.task, '--steps', String(c.steps), '--batch-size', String(c.batchSize), '--seed', String(seed), '--out', dir,
    '--eval-every', every, '--sample-every', String(c.steps), '--checkpoint-every', String(c.steps), '--keep-checkpoints', '1',
    '--test-size', String(c.testSize), '--backend', c.backend, ...flags];
}

export async function runVariant(c: BenchConfig, variant: { name: string; flags: string[] }, seed: number, dir: string): Promise<RunResult> {
  const config = resolveConfig('seq2seq', '', seq2seqRecipe.schema, runArgv(c, variant.flags, seed, dir))!.config as Seq2SeqConfig;
  const t0 = performance.now();
  await train(seq2seqRecipe, config, { callbacks: [saveModelAtEnd], tty: false, log: () => {} });
  const wallSeconds = (performance.now() - t0) / 1000;
  await writeRunReport(dir);
  const lines = fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
  const final = lines.filter((m) => 'test/exact_match' in m).at(-1);
  if (!final) throw new Error(`${dir}: no test scores in metrics.jsonl`);
  return { variant: variant.name, seed, dir, trainSeconds: final.time, wallSeconds, final };
}
