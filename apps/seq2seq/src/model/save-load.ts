/**
 * Save / load of a Seq2SeqModel as a directory: `seq2seq.json` (format tag, dims, vocabularies,
 * lengths and a tfjs weights manifest) + `weights.bin` (tf.io.encodeWeights, the blob format of
 * tfjs models). Both files are written atomically. The decoder's step loop is not a LayersModel
 * graph, so this replaces the trainer's `generator/` export.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SPECIAL_TOKENS, type Vocab } from '@stablegen/data';
import { writeFileAtomic } from '@stablegen/run-files';
import { paramsFromTensors, type Seq2SeqDims } from './params.js';
import type { Seq2SeqModel } from './seq2seq-model.js';

export const MODEL_FORMAT = 'stablegen-seq2seq/1';
const JSON_FILE = 'seq2seq.json';
const WEIGHTS_FILE = 'weights.bin';

interface ModelJson {
  format: string;
  dims: Seq2SeqDims;
  inputTokens: string[];
  outputTokens: string[];
  inputLength: number;
  outputLength: number;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** Writes `m` into `dir` (created if missing). */
export async function saveSeq2Seq(m: Seq2SeqModel, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(m.params as unknown as tf.NamedTensorMap);
  writeFileAtomic(path.join(dir, WEIGHTS_FILE), new Uint8Array(data));
  const json: ModelJson = {
    format: MODEL_FORMAT,
    dims: m.dims,
    inputTokens: [...m.inputVocab.tokens],
    outputTokens: [...m.outputVocab.tokens],
    inputLength: m.inputLength,
    outputLength: m.outputLength,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  writeFileAtomic(path.join(dir, JSON_FILE), JSON.stringify(json, null, 1));
}

/** The vocabulary whose token list is `tokens` (specials first, as buildVocab makes it). */
function vocabFromTokens(tokens: string[]): Vocab {
  if (SPECIAL_TOKENS.some((s, i) => tokens[i] !== s)) throw new Error('seq2seq model: vocabulary does not start with the special tokens');
  return { tokens, index: new Map(tokens.slice(SPECIAL_TOKENS.length).map((ch, i) => [ch, i + SPECIAL_TOKENS.length])) };
}

/** Reads a model written by saveSeq2Seq; throws naming the file when it is missing or not one. */
export function loadSeq2Seq(dir: string): Seq2SeqModel {
  const jsonPath = path.join(dir, JSON_FILE);
  if (!fs.existsSync(jsonPath)) throw new Error(`${jsonPath} not found: point at a directory written by saveSeq2Seq (runs/seq2seq/<run>/model)`);
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as ModelJson;
  if (json.format !== MODEL_FORMAT) throw new Error(`${jsonPath}: format '${json.format}' is not ${MODEL_FORMAT}`);
  const group = json.weightsManifest[0];
  const bytes = fs.readFileSync(path.join(dir, group.paths[0]));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const tensors = tf.io.decodeWeights(buffer, group.weights);
  try {
    return {
      dims: json.dims,
      params: paramsFromTensors(json.dims, tensors),
      inputVocab: vocabFromTokens(json.inputTokens),
      outputVocab: vocabFromTokens(json.outputTokens),
      inputLength: json.inputLength,
      outputLength: json.outputLength,
    };
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
