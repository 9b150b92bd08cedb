import { checkStep, requireNonNegative, type Schedule } from './schedule.js';

export interface FadeInOptions {
  /** Images shown over which alpha rises from 0 to 1 (>= 0; 0 switches at `phaseStart`). */
  fadeImages: number;
  /** Images seen (counted from the start of training) when this phase's fade-in begins. */
  phaseStart?: number;
}

/**
 * Fade-in alpha for progressive growing (Karras et al. 2018), driven by images seen n rather
 * than by steps, so it does not depend on the batch size:
 * alpha(n) = clamp((n - phaseStart) / fadeImages, 0, 1).
 * alpha is 0 at `phaseStart` (and before), 1 from `phaseStart + fadeImages` on.
 * With fadeImages = 0 it is the step 0 before `phaseStart`, 1 from it on.
 */
export function fadeInAlpha({ fadeImages, phaseStart = 0 }: FadeInOptions): Schedule {
  requireNonNegative('fadeInAlpha', 'fadeImages', fadeImages);
  requireNonNegative('fadeInAlpha', 'phaseStart', phaseStart);
  return (imagesSeen) => {
    checkStep('fadeInAlpha', imagesSeen);
    const into = imagesSeen - phaseStart;
    if (fadeImages === 0) return into >= 0 ? 1 : 0;
    return Math.min(1, Math.max(0, into / fadeImages));
  };
}
