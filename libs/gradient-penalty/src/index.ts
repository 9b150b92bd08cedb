/** @stablegen/gradient-penalty: WGAN-GP (two- and one-sided), R1, R2 and drift penalties. */
export { wganGradientPenalty, type WganGpOptions } from './wgan-gp.js';
export { r1Penalty, r2Penalty } from './r1-r2.js';
export { driftPenalty } from './drift.js';
export { inputGradientSquaredNorms } from './input-gradient.js';
export type { Critic, PenaltyResult } from './types.js';
