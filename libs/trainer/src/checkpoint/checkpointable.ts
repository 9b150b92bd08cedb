/**
 * What a checkpoint holds of a recipe's models: LayersModel weights (trainable and not, e.g. a
 * spectral-norm `u`), loose variables (e.g. an EMA copy) and optimiser slots (Adam's moments and
 * step count). Everything is stored by position within its group, so layer-name counters that
 * differ between processes do not matter.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { CheckpointData, StoredDType, StoredTensor } from './checkpoint-format.js';

export interface Checkpointable {
  models: Record<string, LayersModel>;
  optimizers: Record<string, tf.Optimizer>;
  variables?: Record<string, tf.Variable>;
}

async function store(tensor: tf.Tensor): Promise<StoredTensor> {
  const dtype = tensor.dtype as StoredDType;
  if (!['float32', 'int32', 'bool'].includes(dtype)) throw new Error(`checkpoint: unsupported dtype ${tensor.dtype}`);
  const data = await tensor.data();
  const values = dtype === 'bool' ? Uint8Array.from(data as Uint8Array) : dtype === 'int32' ? Int32Array.from(data as Int32Array) : Float32Array.from(data as Float32Array);
  return { dtype, shape: [...tensor.shape], values };
}

/**
 * Adam (and Adamax) keep beta1^t and beta2^t as variables multiplied by beta once per step in
 * float32; their setWeights recomputes them as pow(beta, t), which differs in the last bits (for
 * beta2 = 0.999 from t = 2 on), so a resumed run would drift. They are stored and put back as is.
 */
const BETA_POWERS = ['accBeta1', 'accBeta2'] as const;

function betaPowers(opt: tf.Optimizer): [string, tf.Variable][] {
  const fields = opt as unknown as Record<string, unknown>;
  return BETA_POWERS.flatMap((f) => (fields[f] instanceof tf.Variable ? [[f, fields[f] as tf.Variable] as [string, tf.Variable]] : []));
}

/** Every weight's position (`model/<key>/<i>`, `var/<key>`) by its variable's name in this process. */
function weightPositions(c: Checkpointable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, model] of Object.entries(c.models)) model.weights.forEach((w, i) => out.set((w.read() as tf.Variable).name, `model/${key}/${i}`));
  for (const [key, v] of Object.entries(c.variables ?? {})) out.set(v.name, `var/${key}`);
  return out;
}

/** An optimiser slot named `<variable name>/<slot>` (tfjs: `dense_Dense1/kernel/m`), as the position of its weight plus the slot. */
function slotOf(slotName: string, positions: Map<string, string>): { slotOf?: string } {
  const cut = slotName.lastIndexOf('/');
  const position = cut > 0 ? positions.get(slotName.slice(0, cut)) : undefined;
  return position ? { slotOf: `${position}/${slotName.slice(cut + 1)}` } : {};
}

/** The slot name this process gives a stored slot: after its own variable at the stored position. */
function slotName(c: Checkpointable, slot: string): string | undefined {
  const m = /^(model\/(.+)\/(\d+)|var\/(.+))\/([^/]+)$/.exec(slot);
  if (!m) return undefined;
  const variable = m[2] !== undefined ? (c.models[m[2]]?.weights[Number(m[3])]?.read() as tf.Variable | undefined) : c.variables?.[m[4]];
  return variable ? `${variable.name}/${m[5]}` : undefined;
}

/** Reads every tensor of `c` into plain arrays, named `model/<key>/<i>`, `var/<key>`, `opt/<key>/<i>`, `optpow/<key>/<field>`. */
export async function collectTensors(c: Checkpointable): Promise<CheckpointData['tensors']> {
  const out: CheckpointData['tensors'] = [];
  for (const [key, model] of Object.entries(c.models)) {
    for (const [i, w] of model.weights.entries()) out.push({ name: `model/${key}/${i}`, ...(await store(w.read())) });
  }
  for (const [key, v] of Object.entries(c.variables ?? {})) out.push({ name: `var/${key}`, ...(await store(v)) });
  const positions = weightPositions(c);
  for (const [key, opt] of Object.entries(c.optimizers)) {
    const weights = await opt.getWeights();
    for (const [i, w] of weights.entries()) out.push({ name: `opt/${key}/${i}`, ...(await store(w.tensor)), ...slotOf(w.name, positions) });
    disposeCopies(weights);
    for (const [field, v] of betaPowers(opt)) out.push({ name: `optpow/${key}/${field}`, ...(await store(v)) });
  }
  return out;
}

/** getWeights returns the optimiser's own slot variables plus fresh tensors (the step count); free only the latter. */
function disposeCopies(weights: Awaited<ReturnType<tf.Optimizer['getWeights']>>): void {
  for (const w of weights) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
}

function toTensor(s: StoredTensor): tf.Tensor {
  return tf.tensor(s.values, s.shape, s.dtype);
}

function group(tensors: CheckpointData['tensors'], prefix: string): StoredTensor[] {
  return tensors
    .filter((t) => t.name.startsWith(prefix))
    .sort((a, b) => Number(a.name.slice(prefix.length)) - Number(b.name.slice(prefix.length)));
}

/** Writes stored tensors back into `c`. Throws if the checkpoint does not fit the models. */
export async function restoreTensors(c: Checkpointable, tensors: CheckpointData['tensors']): Promise<void> {
  for (const [key, model] of Object.entries(c.models)) {
    const stored = group(tensors, `model/${key}/`);
    if (stored.length !== model.weights.length) {
      throw new Error(`model '${key}' has ${model.weights.length} weights, checkpoint has ${stored.length}`);
    }
    model.weights.forEach((w, i) => {
      if (w.shape.join() !== stored[i].shape.join()) throw new Error(`model '${key}' weight ${i} has shape [${w.shape}], checkpoint [${stored[i].shape}]`);
    });
    const values = stored.map(toTensor);
    model.setWeights(values);
    values.forEach((t) => t.dispose());
  }
  for (const [key, v] of Object.entries(c.variables ?? {})) {
    const stored = tensors.find((t) => t.name === `var/${key}`);
    if (!stored) throw new Error(`variable '${key}' is missing from the checkpoint`);
    tf.tidy(() => v.assign(toTensor(stored)));
  }
  for (const [key, opt] of Object.entries(c.optimizers)) {
    const live = await opt.getWeights();
    const names = live.map((w) => w.name);
    disposeCopies(live);
    const stored = group(tensors, `opt/${key}/`);
    // Slot names come from the live optimiser when it has them; a fresh one (a resumed process) has
    // none, so they are named after this process's variables at the stored positions (layer-name
    // counters differ between processes), which is what the stability monitor looks them up by.
    const values = stored.map((s, i) => ({ name: names[i] ?? (s.slotOf && slotName(c, s.slotOf)) ?? `${key}/${i}`, tensor: toTensor(s) }));
    await opt.setWeights(values);
    values.forEach((w) => w.tensor.dispose()); // setWeights copies into its own variables
    await disposeReplacedSlots(opt, live);
    for (const [field, v] of betaPowers(opt)) {
      const saved = tensors.find((t) => t.name === `optpow/${key}/${field}`); // absent in checkpoints written before they were stored
      if (saved) tf.tidy(() => v.assign(toTensor(saved)));
    }
  }
}

/**
 * tfjs optimisers' setWeights replaces their slot variables (Adam's moments) with new ones without
 * freeing the old: free those the optimiser no longer holds (restoring into a live run, e.g. a rollback).
 */
async function disposeReplacedSlots(opt: tf.Optimizer, before: Awaited<ReturnType<tf.Optimizer['getWeights']>>): Promise<void> {
  const now = await opt.getWeights();
  const kept = new Set(now.map((w) => w.tensor));
  disposeCopies(now);
  for (const w of before) if (w.tensor instanceof tf.Variable && !kept.has(w.tensor) && !w.tensor.isDisposed) w.tensor.dispose();
}
