/**
 * The wgan-gp family's models: the shared GAN pair of @stablegen/gan-training (a DCGAN pair without
 * batch norm in the critic for images, an MLP pair for a 2-D mixture, Adam for both players, the
 * real-data stream and the view), and optionally a moving average of the generator's weights.
 */
import { buildGanPair, disposeGanPair, generatorEma, lrScheduleDriver, type GanPair } from '@stablegen/gan-training';
import type { Rng } from '@stablegen/random';
import type { WeightEma } from '@stablegen/stability';
import type { WganGpConfig } from './config.js';

export interface WganGpModels extends GanPair {
  /** Moving average of the generator's weights (config.emaDecay > 0), updated after each generator update. */
  ema?: WeightEma;
  /** Sets both players' rates for a step and returns the lr/* figures (--lr-schedule, --warmup-steps). */
  lrSchedule: ReturnType<typeof lrScheduleDriver>;
}

/** Models, optimisers, data and view for `config.dataset`; weights drawn from `rng`. */
export async function buildWganGpModels(config: Readonly<WganGpConfig>, rng: Rng): Promise<WganGpModels> {
  const m = await buildGanPair(config, rng, { criticNorm: { image: config.criticNorm, mixture: 'none' } });
  const lrSchedule = lrScheduleDriver({ ...config, lrSchedule: config.lrDecay === 'linear' ? 'linear' : config.lrSchedule });
  return { ...m, ema: generatorEma(m.generator, config.emaDecay), lrSchedule };
}

export function disposeWganGpModels(m: WganGpModels): void {
  disposeGanPair(m);
  m.ema?.dispose();
}
