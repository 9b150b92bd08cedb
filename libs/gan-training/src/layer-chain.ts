/**
 * A faster forward pass for models that are a plain chain of layers (input -> l1 -> l2 -> ...):
 * each layer's `call` in order, skipping LayersModel.apply's per-call graph bookkeeping, which on
 * small models (the 2-D MLPs) costs as much as the maths. The result and its gradients are those
 * of `model.apply`; any other topology falls back to `model.apply`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export type Forward = (x: tf.Tensor, training?: boolean) => tf.Tensor;

/** The model's layers after the input layer if each takes exactly the previous one's single output; else undefined. */
export function chainLayers(model: LayersModel): LayersModel['layers'] | undefined {
  const [first, ...rest] = model.layers;
  if (!first || first.getClassName() !== 'InputLayer' || model.inputs.length !== 1 || model.outputs.length !== 1) return undefined;
  let prev = first;
  for (const layer of rest) {
    const nodes = layer.inboundNodes;
    if (nodes.length !== 1 || nodes[0].inboundLayers.length !== 1 || nodes[0].inboundLayers[0] !== prev || prev.outboundNodes.length !== 1) return undefined;
    prev = layer;
  }
  return model.outputs[0].sourceLayer === prev ? rest : undefined;
}

/**
 * `(x, training) => model(x)`.
 * @param x [batch, ...input shape]; @returns [batch, ...output shape]
 */
export function forwardOf(model: LayersModel): Forward {
  const layers = chainLayers(model);
  if (!layers) return (x, training = false) => model.apply(x, { training }) as tf.Tensor;
  return (x, training = false) => tf.tidy(() => layers.reduce((h, layer) => layer.call(h, { training }) as tf.Tensor, x));
}
