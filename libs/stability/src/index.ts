/**
 * @stablegen/stability: diagnostics and guards for unstable training. Per-layer gradient norms,
 * minibatch-gradient cosine similarity (gradient noise), the top Hessian eigenvalue (sharpness,
 * against the 2 / lr edge of stability), a divergence guard for the trainer (NaN / blow-up ->
 * roll back with a lower learning rate), and an exponential moving average of weights.
 */
export { type WeightLike, type NamedVariable, namedVariables } from './weights.js';
export { gradientNorms, layerOf, type GradientNorms } from './gradient-norms.js';
export { gradientCosine } from './gradient-cosine.js';
export {
  hessianVectorProduct,
  topHessianEigenvalue,
  sgdSharpnessLimit,
  adamSharpnessLimit,
  type PowerIterationOptions,
  type TopEigenvalue,
} from './hessian.js';
export { adamPreconditioner } from './adam-preconditioner.js';
export { DivergenceDetector, median, type BlowUpOptions, type DetectorOptions } from './divergence-detector.js';
export { nonFiniteWeights } from './finite-weights.js';
export { layerKey } from './stability-monitor.js';
export { WeightEma, type WeightEmaOptions, type EmaSource } from './weight-ema.js';
export {
  stabilityMonitor,
  measureStability,
  type MonitoredLoss,
  type MonitorStepInfo,
  type StabilityMonitor,
  type StabilityMonitorOptions,
} from './stability-monitor.js';
