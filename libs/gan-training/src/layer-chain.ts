/**
 * A faster forward pass for models that are a plain chain of layers (input -> l1 -> l2 -> ...):
 * each layer's `call` in order, skipping LayersModel.apply's per-call graph bookkeeping, which on
 * small models (the 2-D MLPs) costs as much as the maths. A `Dense` layer on a rank-2 input, or a
 * `Conv2D` (channels last, dilation 1) on a rank-4 one, and the `ReLU` / `LeakyReLU` layer after
 * it run as one fused kernel (`fusedDense`, `fusedConv2d`) whose gradient computes only what is
 * asked for (tfjs's fused ops compute every input's gradient: the critic's filter gradients in a
 * generator update, for one). The result and its gradients are those of `model.apply` (the
 * same kernels in the same order); any other topology falls back to `model.apply`. Sequential
 * models are chains too.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type DenseActivation, fusedConv2d, fusedDense } from '@stablegen/layers';

export type Forward = (x: tf.Tensor, training?: boolean) => tf.Tensor;

type ChainLayer = LayersModel['layers'][number];

/** The model's layers after the input layer if each takes exactly the previous one's single output; else undefined. */
export function chainLayers(model: LayersModel): LayersModel['layers'] | undefined {
  // A functional model lists its input layer first in `layers`; a Sequential one leaves it out (and its inputLayers empty).
  const first = model.inputLayers[0] ?? model.layers[0]?.inboundNodes[0]?.inboundLayers[0];
  if (!first || first.getClassName() !== 'InputLayer' || model.inputs.length !== 1 || model.outputs.length !== 1) return undefined;
  const rest = model.layers[0] === first ? model.layers.slice(1) : model.layers;
  let prev = first;
  for (const layer of rest) {
    const nodes = layer.inboundNodes;
    if (nodes.length !== 1 || nodes[0].inboundLayers.length !== 1 || nodes[0].inboundLayers[0] !== prev || prev.outboundNodes.length !== 1) return undefined;
    prev = layer;
  }
  return model.outputs[0].sourceLayer === prev ? rest : undefined;
}

/** The fields of tfjs-layers' Dense and Conv2D that the fused ops read. */
interface LayerWeights {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  useBias: boolean;
  /** The layer's own activation ('linear' unless configured). */
  activation: { apply(x: tf.Tensor): tf.Tensor; getClassName(): string };
}

const biasOf = (layer: LayerWeights) => (layer.useBias && layer.bias ? layer.bias.read() : null);

type FusedRun = (h: tf.Tensor, activation: DenseActivation, alpha: number) => tf.Tensor;

/**
 * The fused op a layer runs as, with the input rank it needs; undefined for any other layer. Only
 * tfjs-layers' own Dense and Conv2D (subclasses such as SpectralNormDense have other class names),
 * Conv2D channels last with dilation 1 and padding same / valid.
 */
function fusedOpOf(layer: ChainLayer): { rank: number; run: FusedRun } | undefined {
  const weights = layer as unknown as LayerWeights;
  if (layer.getClassName() === 'Dense') return { rank: 2, run: (h, activation, alpha) => fusedDense(h, weights.kernel.read(), biasOf(weights), activation, alpha) };
  if (layer.getClassName() !== 'Conv2D') return undefined;
  const config = layer.getConfig();
  const [strides, dilation, padding] = [config.strides as number[], config.dilationRate as number[], config.padding];
  if (config.dataFormat !== 'channelsLast' || dilation.some((d) => d !== 1) || (padding !== 'same' && padding !== 'valid')) return undefined;
  const geometry = { strides: [strides[0], strides[1]] as [number, number], padding: padding as 'same' | 'valid' };
  return { rank: 4, run: (h, activation, alpha) => fusedConv2d(h, weights.kernel.read(), biasOf(weights), geometry, activation, alpha) };
}

/** The activation layer `layer` stands for, when the fused ops can apply it; else undefined. */
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

/**
 * One step per layer, or per Dense / Conv2D and the ReLU / LeakyReLU layer after it: fused on
 * inputs of the op's rank, layer by layer otherwise. A Dense / Conv2D with an activation of its own
 * runs fused too: relu inside the kernel, any other after a linear fused op.
 */
export function chainSteps(layers: readonly ChainLayer[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < layers.length; i++) {
    const op = fusedOpOf(layers[i]);
    if (!op) {
      steps.push(callOf(layers[i]));
      continue;
    }
    const own = (layers[i] as unknown as LayerWeights).activation;
    const ownName = own.getClassName();
    const act = ownName === 'linear' ? fusableActivation(layers[i + 1]) : undefined;
    const unfused = act ? [callOf(layers[i]), callOf(layers[++i])] : [callOf(layers[i])];
    const fused: Step = act
      ? (h) => op.run(h, act.activation, act.alpha)
      : ownName === 'linear' || ownName === 'relu'
        ? (h) => op.run(h, ownName, 0)
        : (h) => own.apply(op.run(h, 'linear', 0));
    steps.push((h, training) => (h.rank === op.rank ? fused(h, training) : unfused.reduce((t, step) => step(t, training), h)));
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
