/**
 * A small GRU encoder-decoder with embeddings and a softmax output (tfjs-layers), trained with
 * teacher forcing on softmax cross-entropy: the sequence family's step.
 * src[b, T] -> embedding -> GRU (final state) ; tgtIn[b, T] -> embedding -> GRU(initial state)
 * -> dense(vocab) -> logits [b, T, vocab].
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, input, layers, model, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { FamilyStep } from './family.js';

export interface Seq2seqSizes {
  batch: number;
  steps: number;
  vocab: number;
  embedding: number;
  units: number;
}

export const DEFAULT_SEQ2SEQ: Seq2seqSizes = { batch: 32, steps: 12, vocab: 24, embedding: 16, units: 32 };

/** Builds the model; every initialiser is seeded from `seed`. */
export function buildSeq2seq(s: Seq2seqSizes, seed: number): LayersModel {
  const init = (i: number) => initializers.glorotUniform({ seed: seed * 16 + i });
  const src = input({ shape: [s.steps], dtype: 'int32', name: 'src' });
  const tgt = input({ shape: [s.steps], dtype: 'int32', name: 'tgt_in' });
  const srcEmb = layers.embedding({ inputDim: s.vocab, outputDim: s.embedding, embeddingsInitializer: init(0) }).apply(src) as SymbolicTensor;
  const encoder = layers.gru({ units: s.units, returnState: true, kernelInitializer: init(1), recurrentInitializer: init(2) });
  const [, state] = encoder.apply(srcEmb) as SymbolicTensor[]; // state [b, units]
  const tgtEmb = layers.embedding({ inputDim: s.vocab, outputDim: s.embedding, embeddingsInitializer: init(3) }).apply(tgt) as SymbolicTensor;
  const decoder = layers.gru({ units: s.units, returnSequences: true, kernelInitializer: init(4), recurrentInitializer: init(5) });
  const seq = decoder.apply(tgtEmb, { initialState: [state] }) as SymbolicTensor; // [b, T, units]
  const logits = layers.dense({ units: s.vocab, kernelInitializer: init(6) }).apply(seq) as SymbolicTensor; // [b, T, vocab]
  return model({ inputs: [src, tgt], outputs: logits, name: 'seq2seq' });
}

/** Mean softmax cross-entropy of logits [b, T, vocab] against int32 targets [b, T]. */
export function seq2seqLoss(m: LayersModel, src: tf.Tensor, tgtIn: tf.Tensor, tgtOut: tf.Tensor, vocab: number): tf.Scalar {
  const logits = m.apply([src, tgtIn]) as tf.Tensor; // [b, T, vocab]
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tgtOut, vocab), logits) as tf.Scalar;
}

/** Task: copy the source, shifted by one (tgtIn = [0, src[:-1]], tgtOut = src). */
function copyBatch(s: Seq2seqSizes, seed: number): { src: tf.Tensor; tgtIn: tf.Tensor; tgtOut: tf.Tensor } {
  return tf.tidy(() => {
    const src = tf.randomUniform([s.batch, s.steps], 1, s.vocab, 'int32', seed);
    const tgtIn = tf.concat([tf.zeros([s.batch, 1], 'int32'), tf.slice(src, [0, 0], [s.batch, s.steps - 1])], 1);
    return { src, tgtIn, tgtOut: src.clone() };
  });
}

/** The seq2seq family step on a fixed batch, Adam(1e-2). */
export function seq2seqFamily(sizes: Seq2seqSizes = DEFAULT_SEQ2SEQ, seed = 1): FamilyStep {
  const m = buildSeq2seq(sizes, seed);
  const optimizer = tf.train.adam(1e-2);
  const batch = copyBatch(sizes, seed);
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    name: 'seq2seq',
    step() {
      const loss = optimizer.minimize(() => seq2seqLoss(m, batch.src, batch.tgtIn, batch.tgtOut, sizes.vocab), true, vars)!;
      const value = loss.dataSync()[0];
      loss.dispose();
      return { loss: value };
    },
    dispose() {
      m.dispose();
      optimizer.dispose();
      tf.dispose([batch.src, batch.tgtIn, batch.tgtOut]);
    },
  };
}
