/**
 * The shipped training step of every family, at the settings the step benches and the kernel
 * audit measure: each is the app's own recipe (createStepRunner), never a replica.
 */
import { ganRecipe } from '@stablegen/gan-app';
import { progressiveRecipe } from '@stablegen/progressive-app';
import { seq2seqRecipe } from '@stablegen/seq2seq-app';
import { createStepRunner, type StepRunner } from '@stablegen/trainer';
import { withDatasetPreset, wganGpRecipe } from '@stablegen/wgan-gp-app';

export interface FamilyStepSpec {
  /** Row label in the tables. */
  label: string;
  make(): Promise<StepRunner<unknown>>;
  /** Timed steps in the step bench (default 15; more for the fast MLP steps). */
  timedSteps?: number;
  /** The same step in PyTorch (a step timer in research/pytorch), where one exists. */
  pytorch?: { script: string; args: string[]; batch: number };
}

/** Past the default growth schedule (32x32 from step 1,400), so progressive steps run at full resolution. */
const PROGRESSIVE_FULL = 2000;

export const FAMILY_STEPS: readonly FamilyStepSpec[] = [
  {
    label: 'gan: default (class-conditional DCGAN, MNIST 28x28, batch 32)',
    make: () => createStepRunner(ganRecipe, []),
    pytorch: { script: 'gan_step.py', args: ['--batch', '32'], batch: 32 },
  },
  { label: 'gan: batch 64', make: () => createStepRunner(ganRecipe, ['--batch-size', '64']), pytorch: { script: 'gan_step.py', args: ['--batch', '64'], batch: 64 } },
  {
    label: 'wgan-gp: ring8 preset (MLP, batch 256)',
    make: () => createStepRunner(wganGpRecipe, withDatasetPreset(['--dataset', 'ring8'])),
    timedSteps: 200,
    pytorch: { script: 'mixture_step.py', args: [], batch: 256 },
  },
  { label: 'wgan-gp: default (DCGAN, MNIST, n_critic 5, batch 64)', make: () => createStepRunner(wganGpRecipe, []) },
  {
    label: 'progressive: 32x32, default widths [32, 32, 16, 8], batch 16',
    make: () => createStepRunner(progressiveRecipe, [], PROGRESSIVE_FULL),
    pytorch: { script: 'progressive_step.py', args: ['--widths', '32,32,16,8'], batch: 16 },
  },
  {
    label: 'progressive: 32x32, 64 maps at 32x32 (--width 256), batch 16',
    make: () => createStepRunner(progressiveRecipe, ['--width', '256'], PROGRESSIVE_FULL),
    pytorch: { script: 'progressive_step.py', args: ['--widths', '256,256,128,64'], batch: 16 },
  },
  {
    label: 'seq2seq: default (GRU + attention, batch 64)',
    make: () => createStepRunner(seq2seqRecipe, []),
    pytorch: { script: 'seq2seq_step.py', args: ['--batch', '64', '--input-length', '13'], batch: 64 },
  },
  {
    label: 'progressive: 32x32, --widths 8,16,32,64 (doubling, as --identity-growth needs), batch 16',
    make: () => createStepRunner(progressiveRecipe, ['--widths', '8,16,32,64', '--identity-growth'], PROGRESSIVE_FULL),
    timedSteps: 5,
    pytorch: { script: 'progressive_step.py', args: ['--widths', '8,16,32,64'], batch: 16 },
  },
];
