/**
 * The families the comparison app's launcher runs (sweeps, studies, the BullMQ worker): each app's
 * main, and its own schema resolution of flags (the config a run's id is derived from). A queue job
 * can only name one of these; the path it runs comes from this table, never from the job.
 */
import { ganApp } from '@stablegen/gan-app';
import { appFamily, type Families } from '@stablegen/launcher';
import { progressiveApp } from '@stablegen/progressive-app';
import { seq2seqApp } from '@stablegen/seq2seq-app';
import { wganGpApp } from '@stablegen/wgan-gp-app';

export const LAUNCH_FAMILIES: Families = {
  gan: appFamily(ganApp, 'apps/gan/src/main.ts'),
  'wgan-gp': appFamily(wganGpApp, 'apps/wgan-gp/src/main.ts'),
  progressive: appFamily(progressiveApp, 'apps/progressive/src/main.ts'),
  seq2seq: appFamily(seq2seqApp, 'apps/seq2seq/src/main.ts'),
};
