/**
 * Zero gradients for comparison and logical kernels. Their outputs are piecewise constant, so the
 * gradient is zero almost everywhere; tfjs registers none, and double backprop through an
 * activation whose gradient uses them (LeakyReLU's `greater(x, 0)`, Selu, Relu6) throws
 * "gradient function not found for Greater".
 */
import * as tf from '@tensorflow/tfjs-core';

export const COMPARISON_KERNELS = [
  'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual',
  'LogicalAnd', 'LogicalOr', 'LogicalNot', 'LogicalXor', 'IsNan', 'IsInf', 'IsFinite',
] as const;

/** A GradConfig giving zeros for every input of `kernelName`. */
export function zeroGradConfig(kernelName: string): tf.GradConfig {
  const names = kernelName === 'LogicalNot' || kernelName.startsWith('Is') ? ['x'] : ['a', 'b'];
  return {
    kernelName,
    inputsToSave: names,
    // float32 zeros even for bool inputs (LogicalAnd's): the engine requires float32 gradients.
    gradFunc: (_dy, saved) => Object.fromEntries(saved.map((x, i) => [names[i], () => tf.zeros(x.shape, 'float32')])),
  };
}
