/**
 * @stablegen/schedules: schedules as pure functions of the step. Learning-rate warm-up, cosine
 * and step decay and their composition (`sequence`), fade-in alpha, LeakyReLU slope and
 * instance-noise sigma annealing, `flatness` (total variation), moving averages for logged
 * curves, and an adapter that drives a tfjs optimizer's learning rate.
 */
export { type Schedule, constant } from './schedule.js';
export { linearWarmup, type LinearWarmupOptions } from './warmup.js';
export { cosineDecay, type CosineDecayOptions } from './cosine.js';
export { stepDecay, type StepDecayOptions } from './step-decay.js';
export { sequence, warmupCosine, type Segment, type WarmupCosineOptions } from './sequence.js';
export { fadeInAlpha, type FadeInOptions } from './fade-in.js';
export { leakDecay, type LeakDecayOptions } from './leak.js';
export {
  linearSigmaAnneal,
  exponentialSigmaAnneal,
  type LinearSigmaOptions,
  type ExponentialSigmaOptions,
} from './sigma.js';
export { flatness } from './flatness.js';
export {
  exponentialMovingAverage,
  windowedMean,
  smoothSeries,
  type MovingAverage,
} from './moving-average.js';
export { setLearningRate, learningRateDriver } from './optimizer-lr.js';
