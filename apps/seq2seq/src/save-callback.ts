/**
 * Writes the trained model to `<run>/model/` (seq2seq.json + weights.bin) after the last step;
 * `loadSeq2Seq` reads it back. (The decoder loop is not a LayersModel, so the trainer's
 * `generator/` export does not apply.)
 */
import * as path from 'node:path';
import type { TrainCallback } from '@stablegen/trainer';
import type { Seq2SeqRun } from './models.js';
import { saveSeq2Seq } from './model/save-load.js';

export const saveModelAtEnd: TrainCallback<Seq2SeqRun> = {
  async onStepEnd({ step, models, run }) {
    if (step === models.config.steps) await saveSeq2Seq(models.model, path.join(run.root, 'model'));
  },
};
