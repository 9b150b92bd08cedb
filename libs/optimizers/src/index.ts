/**
 * @stablegen/optimizers: Adam with one fused kernel per variable, bit-identical to tf.train.adam.
 */
export { adam, FusedAdamOptimizer } from './fused-adam.js';
export {
  ADAM_UPDATE,
  ADAM_UPDATE_INPUTS,
  adamConstants,
  adamUpdateInto,
  registerAdamUpdateCpu,
  type AdamConstants,
  type AdamUpdateAttrs,
} from './adam-update.js';
