import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { buildVocab } from '@stablegen/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyParams } from '../testing/tiny-model.js';
import { loadSeq2Seq, saveSeq2Seq } from './save-load.js';
import { disposeModel, translate, type Seq2SeqModel } from './seq2seq-model.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-save-'));

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function model(): Seq2SeqModel {
  const inputVocab = buildVocab(['abcde']); // 4 specials + 5 = 9 tokens (TINY.inputVocab)
  const outputVocab = buildVocab(['wxyz']); // 4 specials + 4 = 8 tokens (TINY.outputVocab)
  return { dims: { inputVocab: 9, outputVocab: 8, embedding: 5, hidden: 6 }, params: tinyParams(21), inputVocab, outputVocab, inputLength: 6, outputLength: 7 };
}

describe('saveSeq2Seq / loadSeq2Seq', () => {
  it('a saved model reloads with the same weights and decodes identically (greedy and beam)', async () => {
    const m = model();
    const texts = ['abc', 'edcba', 'a', 'bbbbbb', 'cea'];
    await saveSeq2Seq(m, dir);
    const back = loadSeq2Seq(dir);
    for (const [name, w] of Object.entries(m.params)) {
      expect(Array.from((back.params as unknown as Record<string, tf.Variable>)[name].dataSync())).toEqual(Array.from(w.dataSync()));
    }
    expect(back.outputVocab.tokens).toEqual(m.outputVocab.tokens);
    expect(translate(back, texts)).toEqual(translate(m, texts));
    expect(translate(back, texts, 3)).toEqual(translate(m, texts, 3));
    disposeModel(m);
    disposeModel(back);
  });

  it('does not leak tensors', async () => {
    const m = model();
    await saveSeq2Seq(m, dir);
    const before = tf.memory().numTensors;
    const back = loadSeq2Seq(dir);
    translate(back, ['abc'], 2);
    disposeModel(back);
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(m);
  });

  it('throws when the directory holds no model or another format', () => {
    expect(() => loadSeq2Seq(path.join(dir, 'missing'))).toThrow(/seq2seq.json not found/);
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'seq2seq.json'), JSON.stringify({ format: 'tfjs-layers' }));
    expect(() => loadSeq2Seq(other)).toThrow(/format 'tfjs-layers' is not stablegen-seq2seq\/1/);
  });
});
