/**
 * A registered gradient for the `FusedConv2D` kernel (conv2d + bias + activation in one kernel),
 * so that a caller may run that kernel directly (`@stablegen/layers`' `fusedConv2d`) instead of
 * through `tf.fused.conv2d`, whose `customGrad` computes every input's gradient at once. Here the
 * engine calls only the closures on the path to what is asked: a generator update no longer runs
 * `Conv2DBackpropFilter` for each of the critic's convolutions, a critic update no longer runs
 * `Conv2DBackpropInput` back into the images, and a gradient penalty's inner gradient skips every
 * filter gradient.
 *
 * The values are tfjs's own: with g = dy * act'(y) (fused-activation-grad.ts), dx =
 * Conv2DBackpropInput(g, filter), dfilter = Conv2DBackpropFilter(x, g), dbias = sum of g over
 * batch and space (the kernels and attributes of tfjs's fused op, in its order). Both kernels have
 * registered gradients, so it differentiates twice. Scope: NHWC, dilations 1, a bias of shape [c]
 * or none, activation linear / relu / leakyrelu (alpha >= 0); anything else throws, naming it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type FusedActivationAttrs, fusedActivationGradient } from './fused-activation-grad.js';

interface FusedConv2DAttrs extends FusedActivationAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export const fusedConv2dGrad: tf.GradConfig = {
  kernelName: 'FusedConv2D',
  inputsToSave: ['x', 'filter'], // not the bias: it may be absent, and its gradient does not read it
  outputsToSave: [true],
  gradFunc: (dy, [x, filter, y], rawAttrs) => {
    const attrs = rawAttrs as unknown as FusedConv2DAttrs;
    if (attrs.dataFormat !== 'NHWC') throw new Error(`FusedConv2D gradient: dataFormat '${attrs.dataFormat}' is not supported (NHWC only)`);
    const dilations = typeof attrs.dilations === 'number' ? [attrs.dilations] : (attrs.dilations ?? [1]);
    if (dilations.some((d) => d !== 1)) throw new Error(`FusedConv2D gradient: dilations ${JSON.stringify(attrs.dilations)} are not supported (1 only)`);
    const g = fusedActivationGradient('FusedConv2D', dy as tf.Tensor, y, attrs); // [b, oh, ow, co]
    const { strides, pad, dimRoundingMode } = attrs;
    const common = { strides, pad, dataFormat: 'NHWC', dimRoundingMode } as tf.NamedAttrMap;
    return {
      x: () => tf.engine().runKernel<tf.Tensor>('Conv2DBackpropInput', { dy: g, filter }, { ...common, inputShape: x.shape }), // [b, h, w, ci]
      filter: () => tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy: g }, { ...common, filterShape: filter.shape }), // [kh, kw, ci, co]
      bias: () => tf.sum(g, [0, 1, 2]), // [co]; the engine asks for it only when a bias was passed
    };
  },
};
