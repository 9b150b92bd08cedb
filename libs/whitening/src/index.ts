/** @stablegen/whitening: PCA / ZCA whitening fitted on a sample; forward, inverse, tfjs-data map, condition numbers. */
export { fitWhitening, covarianceConditionNumber, type FitWhiteningOptions } from './fit-whitening.js';
export { parseWhitening, whiteningConditions, type Whitening, type WhiteningConditions } from './whitening-model.js';
export { Whitener, whiten, unwhiten, type WhiteningMode } from './whitener.js';
export { whiteningMap, whitenDataset } from './dataset-map.js';
export { sampleMoments, columnMeans } from './moments.js';
export { symmetricEigen, covarianceEigen, conditionNumber, clampRoundOff, type SymmetricEigen } from './eigen.js';
