/** @stablegen/losses: adversarial losses for critic and generator, numerically stable. */
export { minimax, nonSaturating, hinge, wasserstein, lossByName, LOSS_NAMES, type GanLoss, type LossName, type CriticLossOptions } from './gan-losses.js';
export { stableSoftplus, logSigmoid } from './stable.js';
