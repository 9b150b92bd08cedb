/**
 * Gradients of the gradient kernels of linear ops, needed when a gradient penalty differentiates
 * through avgPool or a resize. Each *Grad kernel applies the transpose (adjoint) of a linear map;
 * the gradient of that w.r.t. its `dy` input is the forward map applied to the incoming gradient,
 * and it does not depend on the saved input (zeros). EluGrad(dy, y) = dy * (y < 0 ? y + 1 : 1).
 * Conv2DBackpropFilter(x, dy) is bilinear: <G, dW(x, dy)> = <dy, conv2d(x, G)> = <x, conv2dTranspose(dy, G)>.
 */
import * as tf from '@tensorflow/tfjs-core';

type Attrs = Record<string, unknown>;

export const avgPoolGradGrad: tf.GradConfig = {
  kernelName: 'AvgPoolGrad',
  inputsToSave: ['input'],
  gradFunc: (g, [input], attrs) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as Attrs as {
      filterSize: [number, number];
      strides: [number, number];
      pad: 'valid' | 'same' | number;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    return {
      dy: () => tf.avgPool(g as tf.Tensor4D, filterSize, strides, pad, dimRoundingMode),
      input: () => tf.zerosLike(input),
    };
  },
};

function resizeGradGrad(kernelName: string, resize: typeof tf.image.resizeBilinear): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['images', 'dy'],
    gradFunc: (g, [images, dy], attrs) => {
      const { alignCorners, halfPixelCenters } = attrs as Attrs as { alignCorners: boolean; halfPixelCenters: boolean };
      const [, h, w] = dy.shape;
      return {
        dy: () => resize(g as tf.Tensor4D, [h, w], alignCorners, halfPixelCenters),
        images: () => tf.zerosLike(images),
      };
    },
  };
}

export const resizeNearestNeighborGradGrad = resizeGradGrad('ResizeNearestNeighborGrad', tf.image.resizeNearestNeighbor);
export const resizeBilinearGradGrad = resizeGradGrad('ResizeBilinearGrad', tf.image.resizeBilinear);

export const eluGradGrad: tf.GradConfig = {
  kernelName: 'EluGrad',
  inputsToSave: ['dy', 'y'],
  gradFunc: (g, [dy, y]) => {
    const negative = tf.less(y, 0);
    return {
      dy: () => tf.mul(g as tf.Tensor, tf.where(negative, tf.add(y, 1), tf.onesLike(y))),
      y: () => tf.where(negative, tf.mul(g as tf.Tensor, dy), tf.zerosLike(y)),
    };
  },
};

/**
 * tfjs 4.22 has no gradient for Conv2DBackpropFilter, so a Hessian-vector product w.r.t. conv
 * weights (sharpness of a conv net) throws. x [b, h, w, cIn], dy [b, oh, ow, cOut], g [kh, kw, cIn, cOut].
 */
export const conv2DBackpropFilterGrad: tf.GradConfig = {
  kernelName: 'Conv2DBackpropFilter',
  inputsToSave: ['x', 'dy'],
  gradFunc: (g, [x, dy], attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode } = attrs as Attrs as {
      strides: [number, number] | number;
      pad: 'valid' | 'same' | number;
      dataFormat: 'NHWC' | 'NCHW';
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    const filter = g as tf.Tensor4D;
    return {
      x: () => tf.conv2dTranspose(dy as tf.Tensor4D, filter, x.shape as [number, number, number, number], strides, pad as 'valid' | 'same', dimRoundingMode),
      dy: () => tf.conv2d(x as tf.Tensor4D, filter, strides, pad, dataFormat, 1, dimRoundingMode),
    };
  },
};

export const ADJOINT_GRADIENTS: readonly tf.GradConfig[] = [avgPoolGradGrad, resizeNearestNeighborGradGrad, resizeBilinearGradGrad, eluGradGrad, conv2DBackpropFilterGrad];
