/**
 * A faster forward pass for models that are a plain chain of layers (input -> l1 -> l2 -> ...):
 * each layer's `call` in order, skipping LayersModel.apply's per-call graph bookkeeping, which on
 * small models (the 2-D MLPs) costs as much as the maths. A `Dense` layer (linear activation) and
 * the `ReLU` / `LeakyReLU` layer after it run as one `fusedDense` kernel on rank-2 inputs, whose
 * gradient computes only what is asked for. The result and its gradients are those of
 * `model.apply` (the same kernels in the same order); any other topology falls back to
 * `model.apply`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type DenseActivation, fusedDense } from '@stablegen/layers';

export type Forward = (x: tf.Tensor, training?: boolean) => tf.Tensor;

type ChainLayer = LayersModel['layers'][number];

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

/** The fields of tfjs-layers' Dense that fusedDense reads. */
interface DenseWeights {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  useBias: boolean;
}

/** A tfjs-layers Dense without an activation of its own (subclasses such as SpectralNormDense are not). */
const isLinearDense = (layer: ChainLayer): boolean => layer.getClassName() === 'Dense' && layer.getConfig().activation === 'linear';

/** The activation layer `layer` stands for, when fusedDense can apply it; else undefined. */
function fusableActivation(layer: ChainLayer | undefined): { activation: DenseActivation; alpha: number } | undefined {
  if (layer?.getClassName() === 'ReLU' && layer.getConfig().maxValue == null) return { activation: 'relu', alpha: 0 };
  if (layer?.getClassName() === 'LeakyReLU') {
    const alpha = Number(layer.getConfig().alpha);
    return alpha >= 0 ? { activation: 'leakyrelu', alpha } : undefined;
  }
  return undefined;
}

type Step = (h: tf.Tensor, training: boolean) => tf.Tensor;

const callOf = (layer: ChainLayer): Step => (h, training) => layer.call(h, { training }) as tf.Tensor;

/** One step per layer, or per Dense + activation pair (fused on rank-2 inputs, layer by layer otherwise). */
export function chainSteps(layers: readonly ChainLayer[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if (!isLinearDense(layer)) {
      steps.push(callOf(layer));
      continue;
    }
    const act = fusableActivation(layers[i + 1]);
    const unfused = act ? [callOf(layer), callOf(layers[++i])] : [callOf(layer)];
    const dense = layer as unknown as DenseWeights;
    const { activation, alpha } = act ?? { activation: 'linear' as const, alpha: 0 };
    steps.push((h, training) =>
      h.rank === 2
        ? fusedDense(h, dense.kernel.read(), dense.useBias && dense.bias ? dense.bias.read() : null, activation, alpha)
        : unfused.reduce((t, step) => step(t, training), h),
    );
  }
  return steps;
}

/**
 * `(x, training) => model(x)`.
 * @param x [batch, ...input shape]; @returns [batch, ...output shape]
 */
export function forwardOf(model: LayersModel): Forward {
  const layers = chainLayers(model);
  if (!layers) return (x, training = false) => model.apply(x, { training }) as tf.Tensor;
  const steps = chainSteps(layers);
  return (x, training = false) => tf.tidy(() => steps.reduce((h, step) => step(h, training), x));
}
