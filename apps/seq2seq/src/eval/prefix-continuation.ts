/**
 * Exposure bias measured as He et al. 2021 ("Exposure bias versus self-recovery") do: continue
 * decoding greedily from a ground-truth prefix and from the model's own prefix of the same length,
 * and compare the continuations' token accuracy per prefix length. The own prefix is the model's
 * free-running output, so its continuation is the rest of that output. A gap that grows with the
 * prefix length is exposure bias compounding; a small gap where the own prefix slipped is recovery.
 */
import { PAD, type InMemoryDataset } from '@stablegen/data';
import { greedyDecode } from '../decode/greedy.js';
import type { Seq2SeqParams } from '../model/params.js';
import { scoringBatches } from './scoring-batches.js';

export interface PrefixScores {
  /** prefix length L: the first L target tokens (after START) come from the truth or from the model */
  prefix: number;
  /** continuation token accuracy (target positions after the prefix, PAD left out) from the true prefix */
  gtAcc: number;
  /** the same positions of the free-running output (continuing the model's own prefix) */
  ownAcc: number;
  /** share of rows with at least one continuation token whose own prefix has a wrong token */
  slipShare: number;
  /** on the rows whose own prefix slipped: continuation accuracy from the true prefix and from the own one (absent if none slipped) */
  slipGtAcc?: number;
  slipOwnAcc?: number;
}

/** Sums of one prefix length over the rows of a batch. */
interface Tally { gt: number; own: number; counted: number; rows: number; slipRows: number; slipGt: number; slipOwn: number; slipCounted: number }

/** Adds a batch's rows: targets, true-prefix and own (free) continuation tokens, row-major [batch, steps]. */
function tally(t: Tally, targets: Int32Array, fromTruth: Int32Array, free: Int32Array, steps: number, prefix: number): void {
  for (let row = 0; row * steps < targets.length; row++) {
    const at = row * steps;
    let slipped = false;
    for (let j = 0; j < prefix; j++) slipped ||= targets[at + j] !== PAD && free[at + j] !== targets[at + j];
    let [gt, own, counted] = [0, 0, 0];
    for (let j = prefix; j < steps; j++) {
      if (targets[at + j] === PAD) continue;
      counted += 1;
      gt += Number(fromTruth[at + j] === targets[at + j]);
      own += Number(free[at + j] === targets[at + j]);
    }
    if (counted === 0) continue;
    Object.assign(t, { gt: t.gt + gt, own: t.own + own, counted: t.counted + counted, rows: t.rows + 1 });
    if (slipped) Object.assign(t, { slipRows: t.slipRows + 1, slipGt: t.slipGt + gt, slipOwn: t.slipOwn + own, slipCounted: t.slipCounted + counted });
  }
}

/**
 * @param data x [n, Tin], y [n, steps + 1] (START first)
 * @param batchSize rows per forward pass (batched by similar input length)
 * @param prefixes prefix lengths, each in 0..steps - 1
 */
export function scorePrefixContinuations(p: Seq2SeqParams, data: InMemoryDataset, batchSize: number, prefixes: number[]): PrefixScores[] {
  const steps = (data.y as { shape: number[] }).shape[1] - 1;
  const bad = prefixes.find((l) => !Number.isInteger(l) || l < 0 || l >= steps);
  if (bad !== undefined) throw new Error(`scorePrefixContinuations: prefix length ${bad} is outside 0..${steps - 1} (targets have ${steps} steps)`);
  const tallies: Tally[] = prefixes.map(() => ({ gt: 0, own: 0, counted: 0, rows: 0, slipRows: 0, slipGt: 0, slipOwn: 0, slipCounted: 0 }));
  for (const { x, y, targets } of scoringBatches(data, batchSize)) {
    const free = greedyDecode(p, x, steps);
    prefixes.forEach((prefix, i) => tally(tallies[i], targets, prefix === 0 ? free : greedyDecode(p, x, steps, { y, length: prefix }), free, steps, prefix));
  }
  return prefixes.map((prefix, i) => {
    const t = tallies[i];
    const scores: PrefixScores = { prefix, gtAcc: t.gt / t.counted, ownAcc: t.own / t.counted, slipShare: t.slipRows / t.rows };
    return t.slipCounted > 0 ? { ...scores, slipGtAcc: t.slipGt / t.slipCounted, slipOwnAcc: t.slipOwn / t.slipCounted } : scores;
  });
}

/** Default prefix lengths of a target length: 0 and every quarter of it (distinct, below `steps`). */
export function defaultPrefixLengths(steps: number): number[] {
  return [...new Set([0, 1, 2, 3].map((q) => Math.round((q * (steps - 1)) / 4)))];
}
