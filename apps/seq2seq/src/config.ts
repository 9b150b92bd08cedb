/**
 * The seq2seq family's config: typed defaults, one description per key. The defaults train the
 * ISO date task to >= 95% free-running exact match on the test split within 10 minutes on 2 cores
 * (wasm backend); see README.md for the measured figures.
 */
import { z } from 'zod';
import { DATE_TARGETS } from '@stablegen/data';
import { TF_SCHEDULE_NAMES } from '@stablegen/teacher-forcing';
import { baseConfigSchema } from '@stablegen/trainer';

export const seq2seqSchema = baseConfigSchema({ steps: 2500, batchSize: 64, sampleEvery: 250, checkpointEvery: 500, evalEvery: 250 }).extend({
  task: z.enum(DATE_TARGETS as ['iso', 'iso-reversed', 'spelled']).default('iso').describe("target form: 'iso' (YYYY-MM-DD), or the longer 'iso-reversed' / 'spelled' where errors compound"),
  pairsPerDate: z.number().int().min(1).max(15).default(2).describe('input formats drawn per date (more = more varied training pairs)'),
  embedding: z.number().int().positive().default(32).describe('character embedding size (encoder and decoder)'),
  hidden: z.number().int().positive().default(64).describe('GRU hidden size (encoder and decoder)'),
  lr: z.number().positive().default(5e-3).describe('peak Adam learning rate (reached at the end of warm-up)'),
  warmupSteps: z.number().int().nonnegative().default(100).describe('linear learning-rate warm-up from 0 over this many steps (0 = none)'),
  lrDecay: z.enum(['none', 'cosine']).default('cosine').describe("after warm-up: 'cosine' decays the learning rate to --lr-floor at the last step; 'none' holds it"),
  lrFloor: z.number().nonnegative().default(2.5e-4).describe('cosine decay: learning rate at the last step'),
  clipNorm: z.number().positive().default(1).describe('clip gradients to this global norm'),
  tfSchedule: z.enum(['auto', ...TF_SCHEDULE_NAMES]).default('auto')
    .describe("teacher-forcing schedule eps_i = P(feed ground truth) at step i; 'auto' = per task: iso-reversed decays linearly from 1 to 0.25 at the last step (+2.3 +- 1.5 points test exact match, ahead on 9 of 10 seeds, benchmarks/seq2seq-iso-reversed-prefix.md), iso and spelled stay constant at --tf-eps (on iso, 400 steps, scheduling lost 7.6 points: benchmarks/seq2seq-iso.md)"),
  tfEps: z.number().min(0).max(1).default(1).describe('constant schedule: eps (1 = always teacher-forced)'),
  tfK: z.number().positive().optional().describe('linear: eps at step 0 (default 1); exponential: base in (0, 1); inverse-sigmoid: k >= 1'),
  tfC: z.number().nonnegative().optional().describe('linear schedule: slope per step (eps_i = max(tf-eps-min, k - c i))'),
  tfEpsMin: z.number().min(0).max(1).default(0).describe('linear schedule: floor of eps'),
  tfMode: z.enum(['greedy', 'sampled']).default('greedy').describe("model token fed when not teacher-forced: argmax or a draw from softmax"),
  beamWidth: z.number().int().min(1).default(3).describe('beam width for the samples and the final test score (1 = greedy only)'),
  lengthBuckets: z.number().int().positive().default(6).describe('training batches come from one of this many input-length buckets (1 = no bucketing)'),
  evalSize: z.number().int().nonnegative().default(1000).describe('validation pairs scored per evaluation (0 = all)'),
  testSize: z.number().int().nonnegative().default(0).describe('test pairs scored after the last step (0 = the whole test split)'),
  prefixLengths: z.string().regex(/^(auto|none|\d+(,\d+)*)$/, "'auto', 'none' or a comma list of integers").default('auto')
    .describe("test: continuation accuracy from the true and from the model's own prefix of these lengths (He et al. 2021); 'auto' = 0 and each quarter of the target, 'none' = skip"),
  prefixSize: z.number().int().nonnegative().default(1000).describe('test pairs of the prefix measurement (0 = the whole test split; each prefix length is one more greedy decoding)'),
  evalBatch: z.number().int().positive().default(500).describe('pairs per forward pass when scoring'),
  sampleCount: z.number().int().positive().default(12).describe('validation pairs written to each samples file'),
});

export type Seq2SeqConfig = z.infer<typeof seq2seqSchema>;
