/**
 * The growth schedule of progressive growing (Karras et al. 2018, sec. 3), driven by real images
 * seen so it does not depend on the batch size. Stage 0 (4x4) trains `stableImages`; every later
 * stage k (4 * 2^k pixels) first fades in over `fadeImages` (alpha 0 -> 1), then stabilises over
 * `stableImages` at alpha 1. After the last stage the run stays at the final resolution. A segment
 * is one fade-in or one stabilisation: the optimisers are reset at every segment start, as the
 * official code's `reset_opt_for_new_lod` does.
 */
import { fadeInAlpha } from '@stablegen/schedules';

export interface GrowthSchedule {
  /** Number of stages: log2(resolution / 4) + 1 (32 -> 4). */
  stages: number;
  fadeImages: number;
  stableImages: number;
  /** Train the last stage from the start at alpha 1 (the no-growing baseline). */
  baseline?: boolean;
}

export interface Phase {
  /** 0 at 4x4. */
  stage: number;
  resolution: number;
  /** Weight of the newest stage, 1 outside fade-ins. */
  alpha: number;
  fading: boolean;
  /** 0: stage 0; 2k - 1: fade-in of stage k; 2k: stabilisation of stage k. */
  segment: number;
}

/** Stages from 4x4 to `resolution` (a power of two >= 8). */
export function stagesFor(resolution: number): number {
  const stages = Math.log2(resolution / 4) + 1;
  if (!Number.isInteger(stages) || stages < 2) throw new Error(`resolution must be a power of two >= 8, got ${resolution}`);
  return stages;
}

/** Images until the last stage has faded in and stabilised. */
export function scheduleImages(s: GrowthSchedule): number {
  return s.stableImages + (s.stages - 1) * (s.fadeImages + s.stableImages);
}

/** Images seen when stage k >= 1 starts its fade-in. */
export function stageStart(s: GrowthSchedule, k: number): number {
  return s.stableImages + (k - 1) * (s.fadeImages + s.stableImages);
}

/** The phase when `imagesSeen` real images have been shown. */
export function phaseAt(s: GrowthSchedule, imagesSeen: number): Phase {
  const last = s.stages - 1;
  if (s.baseline) return { stage: last, resolution: 4 * 2 ** last, alpha: 1, fading: false, segment: 0 };
  let stage = 0;
  while (stage < last && imagesSeen >= stageStart(s, stage + 1)) stage++;
  const resolution = 4 * 2 ** stage;
  if (stage === 0) return { stage, resolution, alpha: 1, fading: false, segment: 0 };
  const start = stageStart(s, stage);
  const fading = imagesSeen < start + s.fadeImages;
  const alpha = fadeInAlpha({ fadeImages: s.fadeImages, phaseStart: start })(imagesSeen);
  return { stage, resolution, alpha, fading, segment: fading ? 2 * stage - 1 : 2 * stage };
}

/** The phase of 1-based step `step`: images seen before it, (step - 1) * batchSize. */
export function phaseOfStep(s: GrowthSchedule, step: number, batchSize: number): Phase {
  return phaseAt(s, (step - 1) * batchSize);
}
