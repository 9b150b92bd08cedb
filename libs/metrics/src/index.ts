/**
 * @stablegen/metrics: is a generator any good? Frechet distance in a classifier's feature space,
 * class coverage, and PacGAN's 2-D mode coverage.
 */
export { frechetDistance, gaussianStats, type GaussianStats } from './frechet-distance.js';
export { classCoverage, type ClassCoverage } from './class-coverage.js';
export { labelAgreement } from './label-agreement.js';
export { modeCoverage, type ModeCoverage } from './mode-coverage.js';
export {
  buildMnistClassifier,
  loadMnistClassifier,
  predictInChunks,
  DEFAULT_CLASSIFIER_DIR,
  FEATURES_LAYER,
  type MnistClassifier,
} from './mnist-classifier.js';
export { MnistJudge, type DigitQuality } from './mnist-judge.js';
