import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stablegen/random';
import { fixedLatent } from './fixed-latent.js';
import { createImageSource } from './image-source.js';
import { packLabelled, unpackLabelled } from './labelled-batch.js';
import { labelsOf, latentPrior } from './latent-prior.js';
import { imageRealData } from './training-data.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const argmaxRows = (t: tf.Tensor2D): number[] => read(tf.argMax(t, 1));

describe('latentPrior', () => {
  it('unconditional: the same numbers as tf.randomNormal on the rng`s next seed (training unchanged), and fixedLatent for fixed batches', () => {
    const prior = latentPrior(5);
    expect([prior.dim, prior.classes]).toEqual([5, 0]);
    const expected = read(tf.randomNormal([4, 5], 0, 1, 'float32', createRng(3).nextSeed()));
    expect(read(prior.sample(4, createRng(3)))).toEqual(expected);
    expect(read(prior.fixed(6, 2))).toEqual(read(fixedLatent(6, 5, 2)));
  });

  it('class-conditional: [z | onehot(c)], z as unconditional, c from the rng after z; fixed batches take the classes in turn', () => {
    const prior = latentPrior(3, 10);
    expect(prior.dim).toBe(13);
    const rng = createRng(7);
    const latent = prior.sample(500, rng);
    expect(latent.shape).toEqual([500, 13]);
    const z = tf.slice(latent, [0, 0], [-1, 3]);
    expect(read(z)).toEqual(read(tf.randomNormal([500, 3], 0, 1, 'float32', createRng(7).nextSeed())));
    const labels = labelsOf(latent, 10);
    expect(read(tf.sum(labels, 1))).toEqual(Array(500).fill(1)); // one-hot rows
    const replay = createRng(7);
    replay.nextSeed();
    expect(argmaxRows(labels)).toEqual(Array.from({ length: 500 }, () => replay.int(10)));
    const counts = read(tf.sum(labels, 0));
    expect(Math.min(...counts)).toBeGreaterThan(25); // 50 expected per class; every class drawn
    const fixed = prior.fixed(25, 4);
    expect(argmaxRows(labelsOf(fixed, 10))).toEqual(Array.from({ length: 25 }, (_, i) => i % 10));
    expect(read(tf.slice(fixed, [0, 0], [-1, 3]))).toEqual(read(fixedLatent(25, 3, 4)));
  });

  it('rejects a class count that is not a non-negative integer', () => {
    expect(() => latentPrior(2, -1)).toThrow(/non-negative integer/);
    expect(() => latentPrior(2, 1.5)).toThrow(/non-negative integer/);
  });
});

describe('packLabelled / unpackLabelled', () => {
  it('round-trips, and gradients reach the pixels (not the labels) through the unpacked images', () => {
    const images = tf.tensor4d(Array.from({ length: 2 * 2 * 3 * 1 }, (_, i) => i / 10), [2, 2, 3, 1]);
    const labels = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
    const packed = packLabelled(images, labels);
    expect(packed.shape).toEqual([2, 6 + 3]);
    expect(read(packed).slice(0, 9)).toEqual([...read(images).slice(0, 6), 0, 1, 0]);
    const back = unpackLabelled(packed, [2, 3, 1]);
    expect(read(back.images)).toEqual(read(images));
    expect(read(back.labels)).toEqual(read(labels));
    const grad = tf.grad((p: tf.Tensor) => tf.sum(tf.square(unpackLabelled(p as tf.Tensor2D, [2, 3, 1]).images)))(packed);
    expect(read(grad)).toEqual(read(packed).map((v, i) => (i % 9 < 6 ? 2 * v : 0)));
  });
});

describe('imageRealData with classes', () => {
  it('packs each batch with the one-hot labels of the same digits, in the unlabelled stream`s order, without leaking', async () => {
    const options = { dataset: 'mnist', batchSize: 8, seed: 5, imageSize: 28, channels: 1 };
    const plainSource = await createImageSource(options);
    const source = await createImageSource(options);
    const plain = imageRealData(plainSource);
    const labelled = imageRealData(source, 10);
    const rng = createRng(1);
    for (let step = 0; step < 3; step++) {
      const before = tf.memory().numTensors;
      const x = plain.next(rng);
      const packed = labelled.next(rng) as tf.Tensor2D;
      expect(tf.memory().numTensors).toBe(before + 2);
      const { images, labels } = unpackLabelled(packed, [28, 28, 1]);
      expect(read(images)).toEqual(read(x));
      const indices = read(tf.argMax(labels, 1));
      // The digit labels of the batch rows, found by matching the pixels to the dataset's rows.
      const data = source.data;
      const pixels = 784;
      const rows = Array.from({ length: 8 }, (_, r) => {
        const row = read(images).slice(r * pixels, (r + 1) * pixels);
        for (let n = 0; n < data.x.shape[0]; n++) {
          if (row.every((v, k) => v === data.x.data[n * pixels + k])) return n;
        }
        return -1;
      });
      expect(indices).toEqual(rows.map((n) => data.y!.data[n]));
      tf.dispose([x, packed, images, labels]);
    }
  });

  it('a dataset without labels (an image folder) is a DataError naming the fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unlabelled-'));
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toFile(path.join(dir, 'a.png'));
    const source = await createImageSource({ dataset: `folder:${dir}`, batchSize: 1, seed: 1, imageSize: 8, channels: 1 });
    expect(() => imageRealData(source, 10).next(createRng(1))).toThrow(/has no labels/);
    expect(() => source.nextLabelledBatch()).toThrow(/--conditional false/);
    rmSync(dir, { recursive: true });
  });
});
