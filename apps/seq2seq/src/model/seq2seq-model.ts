/**
 * A trained translator: weights plus what is needed to use them on text (vocabularies, lengths).
 * `translate` encodes strings, decodes greedily (width 1) or with beam search, and returns text.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decode, encode as encodeText, type Vocab } from '@stablegen/data';
import { beamDecode } from '../decode/beam.js';
import { greedyDecode } from '../decode/greedy.js';
import { disposeParams, type Seq2SeqDims, type Seq2SeqParams } from './params.js';

export interface Seq2SeqModel {
  dims: Seq2SeqDims;
  params: Seq2SeqParams;
  inputVocab: Vocab;
  outputVocab: Vocab;
  /** encoder length (inputs are padded to it) */
  inputLength: number;
  /** decoder length with START and END; decoding produces outputLength - 1 tokens */
  outputLength: number;
}

/** Inputs as a [n, inputLength] int32 tensor (unknown characters become UNK). */
export function encodeInputs(m: Seq2SeqModel, texts: string[]): tf.Tensor2D {
  const data = new Int32Array(texts.length * m.inputLength);
  texts.forEach((t, i) => data.set(encodeText(t, m.inputVocab, { length: m.inputLength }), i * m.inputLength));
  return tf.tensor2d(data, [texts.length, m.inputLength], 'int32');
}

/** Token ids of every row of a row-major [n, steps] array, as text (stops at END). */
export function decodeRows(ids: Int32Array, steps: number, vocab: Vocab): string[] {
  return Array.from({ length: ids.length / steps }, (_, i) => decode(ids.subarray(i * steps, (i + 1) * steps), vocab));
}

/** Translates `texts`; beamWidth 1 (default) is greedy decoding. */
export function translate(m: Seq2SeqModel, texts: string[], beamWidth = 1): string[] {
  const x = encodeInputs(m, texts);
  try {
    const steps = m.outputLength - 1;
    if (beamWidth === 1) return decodeRows(greedyDecode(m.params, x, steps), steps, m.outputVocab);
    return beamDecode(m.params, x, steps, beamWidth).map((h) => decode(h.tokens, m.outputVocab));
  } finally {
    x.dispose();
  }
}

export function disposeModel(m: Seq2SeqModel): void {
  disposeParams(m.params);
}
