/**
 * The seq2seq recipe: GRU encoder-decoder with Luong dot attention on date translation, trained
 * with a teacher-forcing schedule (scheduled sampling), clipped gradients and warmed-up Adam.
 * Evaluation logs the exposure-bias gap (teacher-forced vs free-running accuracy) on validation
 * and, at the last step, the test split's exact match (greedy and beam).
 */
import type { Recipe } from '@stablegen/trainer';
import { buildRun, disposeRun, resolveTfSchedule, type Seq2SeqRun } from './models.js';
import { type Seq2SeqConfig, seq2seqSchema } from './config.js';
import { drawBatch, evenSubset } from './data-batch.js';
import { scoreSplit } from './eval/evaluate.js';
import { scorePrefixContinuations } from './eval/prefix-continuation.js';
import { samplePairs, samplesText } from './eval/samples.js';
import { trainStep } from './step.js';

/** Validation metrics every evaluation; test metrics (greedy and beam) at the last step. */
async function evaluateRun(r: Seq2SeqRun, step: number): Promise<Record<string, number>> {
  const c = r.config;
  const v = scoreSplit(r.model.params, evenSubset(r.data.val, c.evalSize), c.evalBatch);
  const out: Record<string, number> = {
    'val/tf_token_acc': v.tfTokenAcc,
    'val/free_token_acc': v.freeTokenAcc,
    'val/exposure_gap': v.tfTokenAcc - v.freeTokenAcc,
    'val/exact_match': v.exactMatch,
  };
  if (step < c.steps) return out;
  const t = scoreSplit(r.model.params, evenSubset(r.data.test, c.testSize), c.evalBatch, c.beamWidth);
  out['test/tf_token_acc'] = t.tfTokenAcc;
  out['test/free_token_acc'] = t.freeTokenAcc;
  out['test/exposure_gap'] = t.tfTokenAcc - t.freeTokenAcc;
  out['test/exact_match'] = t.exactMatch;
  if (t.beamExactMatch !== undefined) out['test/exact_match_beam'] = t.beamExactMatch;
  return { ...out, ...prefixMetrics(r) };
}

/** test/prefixNN/*: continuation accuracy after a true and after the own prefix of NN tokens. */
function prefixMetrics(r: Seq2SeqRun): Record<string, number> {
  const c = r.config;
  const out: Record<string, number> = {};
  if (r.prefixLengths.length === 0) return out;
  for (const s of scorePrefixContinuations(r.model.params, evenSubset(r.data.test, c.prefixSize), c.evalBatch, r.prefixLengths)) {
    const key = `test/prefix${String(s.prefix).padStart(2, '0')}`;
    Object.assign(out, { [`${key}/gt_acc`]: s.gtAcc, [`${key}/own_acc`]: s.ownAcc, [`${key}/gap`]: s.gtAcc - s.ownAcc, [`${key}/slip_share`]: s.slipShare });
    if (s.slipGtAcc !== undefined && s.slipOwnAcc !== undefined) Object.assign(out, { [`${key}/slip_gt_acc`]: s.slipGtAcc, [`${key}/slip_own_acc`]: s.slipOwnAcc });
  }
  return out;
}

export const seq2seqRecipe: Recipe<Seq2SeqConfig, Seq2SeqRun> = {
  family: 'seq2seq',
  summary: 'GRU encoder-decoder with dot attention on date translation; scheduled teacher forcing and the exposure-bias gap',
  schema: seq2seqSchema,
  resolveDefaults: resolveTfSchedule,
  build: buildRun,
  step(r, { step, rng, config, lrScale }) {
    const i = step - 1; // schedules count from 0
    const lr = r.lrAt(i, lrScale);
    const eps = r.eps(i);
    const batch = drawBatch(r.data.train, r.buckets, config.batchSize, rng);
    const metrics = trainStep(r.model.params, r.optimizer, batch, { eps, mode: config.tfMode, rng }, config.clipNorm);
    return { ...metrics, 'tf/eps': eps, lr };
  },
  checkpointable: (r) => ({ models: {}, optimizers: { adam: r.optimizer }, variables: { ...r.model.params } }),
  sample: async (r) => [{ ext: 'txt', data: samplesText(r.model, samplePairs(r.task.val, r.config.sampleCount), r.config.beamWidth) }],
  evaluate: evaluateRun,
  dispose: disposeRun,
};
