/**
 * The seq2seq weights: plain tf.Variables by name, so the trainer checkpoints them
 * (`checkpointable().variables`) and save/load writes them as one tfjs weights blob.
 * GRU gate blocks are laid out [z | r | n] along the last axis (3H).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';

/** Sizes of the model. */
export interface Seq2SeqDims {
  /** Input vocabulary size (characters + 4 specials). */
  inputVocab: number;
  /** Output vocabulary size. */
  outputVocab: number;
  /** Embedding size E (both sides). */
  embedding: number;
  /** GRU hidden size H (encoder and decoder). */
  hidden: number;
}

/** Every weight, by name; shapes in the comments. */
export interface Seq2SeqParams {
  /** [Vin, E] */ encEmbedding: tf.Variable;
  /** [E, 3H] input projection of the encoder GRU */ encWx: tf.Variable;
  /** [3H] */ encB: tf.Variable;
  /** [H, 3H] recurrent weights of the encoder GRU */ encU: tf.Variable;
  /** [Vout, E] */ decEmbedding: tf.Variable;
  /** [E, 3H] token part of the decoder GRU input projection */ decWx: tf.Variable;
  /** [H, 3H] input-feeding part (previous attentional state h~) */ decWf: tf.Variable;
  /** [3H] */ decB: tf.Variable;
  /** [H, 3H] recurrent weights of the decoder GRU */ decU: tf.Variable;
  /** [2H, H] combines [context; h] into h~ (Luong et al. 2015, eq. 5) */ attWc: tf.Variable;
  /** [H] */ attB: tf.Variable;
  /** [H, Vout] output projection */ outW: tf.Variable;
  /** [Vout] */ outB: tf.Variable;
}

export type ParamName = keyof Seq2SeqParams;

/** Shapes of every weight for `dims`, in a fixed order (the checkpoint and file order). */
export function paramShapes(d: Seq2SeqDims): Record<ParamName, number[]> {
  const [E, H] = [d.embedding, d.hidden];
  return {
    encEmbedding: [d.inputVocab, E],
    encWx: [E, 3 * H],
    encB: [3 * H],
    encU: [H, 3 * H],
    decEmbedding: [d.outputVocab, E],
    decWx: [E, 3 * H],
    decWf: [H, 3 * H],
    decB: [3 * H],
    decU: [H, 3 * H],
    attWc: [2 * H, H],
    attB: [H],
    outW: [H, d.outputVocab],
    outB: [d.outputVocab],
  };
}

let created = 0;
/** tfjs variable names must be unique per process. */
const uniqueName = (name: ParamName): string => `seq2seq/${name}/${created++}`;

/** Glorot-uniform limit sqrt(6 / (fanIn + fanOut)) for a matrix; embeddings use U(-0.05, 0.05). */
function initLimit(name: ParamName, shape: number[]): number {
  if (name.endsWith('Embedding')) return 0.05;
  return Math.sqrt(6 / (shape[0] + shape[1]));
}

/** Fresh weights drawn from `rng` (biases zero). */
export function createParams(d: Seq2SeqDims, rng: Rng): Seq2SeqParams {
  const shapes = paramShapes(d);
  const out = {} as Record<ParamName, tf.Variable>;
  for (const [name, shape] of Object.entries(shapes) as [ParamName, number[]][]) {
    const init = shape.length === 1
      ? tf.zeros(shape)
      : tf.randomUniform(shape, -initLimit(name, shape), initLimit(name, shape), 'float32', rng.nextSeed());
    out[name] = tf.variable(init, true, uniqueName(name));
    init.dispose();
  }
  return out;
}

/** Weights from named tensors (copies them); throws naming the first missing or misshaped one. */
export function paramsFromTensors(d: Seq2SeqDims, tensors: tf.NamedTensorMap): Seq2SeqParams {
  const out = {} as Record<ParamName, tf.Variable>;
  for (const [name, shape] of Object.entries(paramShapes(d)) as [ParamName, number[]][]) {
    const t = tensors[name];
    if (!t) throw new Error(`seq2seq weights: '${name}' is missing`);
    if (t.shape.join() !== shape.join()) throw new Error(`seq2seq weights: '${name}' has shape [${t.shape}], expected [${shape}]`);
    out[name] = tf.variable(t, true, uniqueName(name));
  }
  return out;
}

/** All weights as a list (for variableGrads) in the fixed order. */
export function paramList(p: Seq2SeqParams): tf.Variable[] {
  return Object.values(p);
}

export function disposeParams(p: Seq2SeqParams): void {
  Object.values(p).forEach((v) => v.dispose());
}
