/**
 * A faster forward pass for tfjs-layers models: each layer's `call` in the model's order, skipping
 * LayersModel.apply's per-call graph bookkeeping, which on small models (the 2-D MLPs) costs as
 * much as the maths. A `Dense` layer on a rank-2 input, or a `Conv2D` (channels last, dilation 1)
 * on a rank-4 one, and the `ReLU` / `LeakyReLU` layer that alone reads it run as one fused kernel
 * (`fusedDense`, `fusedConv2d`) whose gradient computes only what is asked for (tfjs's fused ops
 * compute every input's gradient: the critic's filter gradients in a generator update, for one).
 * The result and its gradients are those of `model.apply` (the same kernels in the same order).
 * Chains, Sequential models and graphs (a projection critic's two inputs, skip connections) run
 * this way; a model with a layer applied twice or a multi-output layer falls back to `model.apply`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type DenseActivation, fusedConv2d, fusedDense } from '@stablegen/layers';

export type Forward = (x: tf.Tensor, training?: boolean) => tf.Tensor;

type ChainLayer = LayersModel['layers'][number];

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
 * `layer` (a Dense / Conv2D) and, when given, the activation layer `next` after it as one fused
 * step: on inputs of the op's rank the fused kernel (the layer's own activation: relu inside the
 * kernel, any other after it), layer by layer otherwise. Undefined when `layer` has no fused op or
 * `next` is not a fusable activation (or the layer has an activation of its own).
 */
function fusedStep(layer: ChainLayer, next?: ChainLayer): Step | undefined {
  const op = fusedOpOf(layer);
  if (!op) return undefined;
  const own = (layer as unknown as LayerWeights).activation;
  const ownName = own.getClassName();
  const act = next ? fusableActivation(next) : undefined;
  if (next && (!act || ownName !== 'linear')) return undefined;
  const unfused = next ? [callOf(layer), callOf(next)] : [callOf(layer)];
  const fused: (h: tf.Tensor) => tf.Tensor = act
    ? (h) => op.run(h, act.activation, act.alpha)
    : ownName === 'linear' || ownName === 'relu'
      ? (h) => op.run(h, ownName, 0)
      : (h) => own.apply(op.run(h, 'linear', 0));
  return (h, training) => (h.rank === op.rank ? fused(h) : unfused.reduce((t, step) => step(t, training), h));
}

/** One node of a plan: the value slots it reads and how it runs. */
interface PlanNode {
  inputs: number[];
  run: (inputs: tf.Tensor[], training: boolean) => tf.Tensor;
}

/** A model as nodes over value slots: slots 0..inputCount-1 hold the model's inputs, then one per node. */
interface Plan {
  inputCount: number;
  nodes: PlanNode[];
  /** Slot of the model's output. */
  output: number;
}

/**
 * The model as a plan, each Dense / Conv2D fused with the ReLU / LeakyReLU that alone reads it;
 * undefined when a layer was applied more than once, reads a multi-output layer, or the model has
 * several outputs.
 */
export function planOf(model: LayersModel): Plan | undefined {
  if (model.outputs.length !== 1 || model.outputs[0].tensorIndex !== 0) return undefined;
  const inputLayers = model.inputLayers.length > 0 ? model.inputLayers : [model.layers[0]?.inboundNodes[0]?.inboundLayers[0]]; // Sequential hides its input layer
  if (inputLayers.some((l) => l?.getClassName() !== 'InputLayer')) return undefined;
  const slot = new Map<ChainLayer, number>(inputLayers.map((l, i) => [l as ChainLayer, i]));
  const nodes: PlanNode[] = [];
  const absorbed = new Set<ChainLayer>();
  const members = new Set(model.layers);
  for (const layer of model.layers) {
    if (slot.has(layer)) continue;
    const [node, ...more] = layer.inboundNodes;
    if (!node || more.length > 0 || node.tensorIndices.some((t) => t !== 0)) return undefined;
    const sources = node.inboundLayers.map((l) => slot.get(l));
    if (sources.some((s) => s === undefined)) return undefined; // not in dependency order
    if (absorbed.has(layer)) {
      slot.set(layer, sources[0]!); // the fused node before it already applied this activation
      continue;
    }
    const next = layer.outboundNodes.length === 1 ? layer.outboundNodes[0].outboundLayer : undefined; // fused only with its sole reader
    const pair = next && members.has(next) && next.inboundNodes.length === 1 && next.inboundNodes[0].inboundLayers.length === 1 ? fusedStep(layer, next) : undefined;
    if (pair) absorbed.add(next!);
    const step = pair ?? (sources.length === 1 ? fusedStep(layer) : undefined);
    const run = step ? (ins: tf.Tensor[], training: boolean) => step(ins[0], training) : (ins: tf.Tensor[], training: boolean) => layer.call(ins.length === 1 ? ins[0] : ins, { training }) as tf.Tensor;
    nodes.push({ inputs: sources as number[], run });
    slot.set(layer, inputLayers.length + nodes.length - 1);
  }
  const output = slot.get(model.outputs[0].sourceLayer);
  return output === undefined ? undefined : { inputCount: inputLayers.length, nodes, output };
}

/** Runs a plan on the model's inputs; the intermediate tensors are freed. */
function runPlan(plan: Plan, inputs: tf.Tensor[], training: boolean): tf.Tensor {
  if (inputs.length !== plan.inputCount) throw new Error(`forward: the model takes ${plan.inputCount} input(s), got ${inputs.length}`);
  return tf.tidy(() => {
    const values = [...inputs];
    for (const node of plan.nodes) values.push(node.run(node.inputs.map((i) => values[i]), training));
    return values[plan.output];
  });
}

/** `(inputs, training) => model(inputs)` for a model with several inputs (a projection critic's images and labels). */
export function multiInputForwardOf(model: LayersModel): (inputs: tf.Tensor[], training?: boolean) => tf.Tensor {
  const plan = planOf(model);
  if (!plan) return (inputs, training = false) => model.apply(inputs.length === 1 ? inputs[0] : inputs, { training }) as tf.Tensor;
  return (inputs, training = false) => runPlan(plan, inputs, training);
}

/**
 * `(x, training) => model(x)` for a model with one input.
 * @param x [batch, ...input shape]; @returns [batch, ...output shape]
 */
export function forwardOf(model: LayersModel): Forward {
  const forward = multiInputForwardOf(model);
  return (x, training = false) => forward([x], training);
}
