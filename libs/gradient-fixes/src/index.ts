/** @stablegen/gradient-fixes: the gradients double backprop needs in tfjs 4.22, registered on every backend. */
export { registerGradientFixes, ensureGradientFixes, withOriginalGradients, GRADIENT_FIXES } from './register.js';
export { leakyReluGrad } from './leaky-relu-grad.js';
export { fusedMatMulGrad } from './fused-mat-mul-grad.js';
export { fusedConv2dGrad } from './fused-conv2d-grad.js';
