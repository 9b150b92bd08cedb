/**
 * The gan family's models: the shared GAN pair of @stablegen/gan-training (a DCGAN pair sized to
 * the images, or an MLP pair for a 2-D mixture, with Adam for both players, the real-data stream
 * and the view), with this family's choices: critic normalisation, spectral norm, ZCA whitening
 * of the critic's input, class conditioning on MNIST's labels, and a generator weight EMA.
 */
import { parseDatasetName } from '@stablegen/data';
import { buildGanPair, disposeGanPair, generatorEma, lrScheduleDriver, type GanPair } from '@stablegen/gan-training';
import type { WeightEma } from '@stablegen/stability';
import type { Rng } from '@stablegen/random';
import { UserError } from '@stablegen/trainer';
import { type GanConfig, ganClasses } from './config.js';

export interface GanModels extends GanPair {
  /** Moving average of the generator's weights (--ema-decay > 0), updated after each generator update. */
  ema?: WeightEma;
  /** Sets both players' rates for a step and returns the lr/* figures (--lr-schedule, --warmup-steps). */
  lrSchedule: ReturnType<typeof lrScheduleDriver>;
}

/** Models, optimisers, data and view for `config.dataset`; weights drawn from `rng`. */
export async function buildGanModels(config: Readonly<GanConfig>, rng: Rng): Promise<GanModels> {
  const classes = ganClasses(config); // --conditional on a dataset without labels is an error
  if (config.whiten && parseDatasetName(config.dataset).kind === 'mixture') {
    throw new UserError(`--whiten is for image datasets, not the 2-D mixture '${config.dataset}'`, 'drop --whiten');
  }
  const pair = await buildGanPair(config, rng, { criticNorm: { image: config.criticNorm, mixture: config.criticNorm }, spectralNorm: config.spectralNorm, classes, whiten: config.whiten });
  return { ...pair, ema: generatorEma(pair.generator, config.emaDecay), lrSchedule: lrScheduleDriver(config) };
}

export function disposeGanModels(m: GanModels): void {
  disposeGanPair(m);
  m.ema?.dispose();
}
