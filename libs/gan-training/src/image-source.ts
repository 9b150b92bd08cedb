/**
 * Training images for the image-GAN families: a named dataset ('mnist' or 'folder:<path>') held in
 * memory, drawn in seeded epochs by a sampler whose position a checkpoint can save and restore.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createSampler, DataError, loadMnist, parseDatasetName, type InMemoryDataset, type Sampler, type SamplerState } from '@stablegen/data';
import { loadFolderImages } from './image-folder-data.js';

export interface ImageSourceOptions {
  /** 'mnist' or 'folder:<path>'. */
  dataset: string;
  batchSize: number;
  /** Sampler seed (the run's seed). */
  seed: number;
  /** Side for folder datasets (mnist is always 28). */
  imageSize: number;
  /** Channels for folder datasets (mnist is 1). */
  channels: number;
  /** Largest decoded image in pixels (a hostile file cannot exhaust memory). */
  maxImagePixels?: number;
  /** Pad MNIST to 32x32 (progressive growing). */
  pad32?: boolean;
  /** Folder datasets: skip unreadable files with a warning. */
  skipBadImages?: boolean;
  /** Folder datasets: mixed sizes or colour modes are an error, not a warning. */
  strictImages?: boolean;
  /** Where warnings go (default console.warn). */
  log?: (line: string) => void;
}

export interface ImageSource {
  data: InMemoryDataset;
  /** Image side and channels of the loaded data. */
  resolution: number;
  channels: number;
  /** The next batch [batchSize, resolution, resolution, channels] in [-1, 1]; caller disposes. */
  nextBatch(): tf.Tensor4D;
  /** The next batch with its integer labels y [batchSize] (a DataError for a dataset without labels); caller disposes both. */
  nextLabelledBatch(): { x: tf.Tensor4D; y: tf.Tensor1D };
  state(): SamplerState;
  restore(state: SamplerState): void;
}

export async function createImageSource(opts: ImageSourceOptions): Promise<ImageSource> {
  const ref = parseDatasetName(opts.dataset, ['mnist', 'folder']);
  if (ref.kind === 'mnist' && opts.channels !== 1) throw new DataError('bad-option', `--channels ${opts.channels}: mnist has 1 channel`, 'Drop --channels for mnist.');
  const data =
    ref.kind === 'folder'
      ? await loadFolderImages(ref.path, { ...opts, side: opts.imageSize, channels: opts.channels === 3 ? 3 : 1 })
      : loadMnist({ split: 'train', pad32: opts.pad32 });
  const [, resolution, , channels] = data.x.shape;
  let sampler: Sampler = createSampler(data, { batchSize: opts.batchSize, seed: opts.seed });
  return {
    data,
    resolution,
    channels,
    nextBatch: () => {
      const batch = sampler.next();
      batch.y?.dispose();
      return batch.x as tf.Tensor4D;
    },
    nextLabelledBatch: () => {
      if (!data.y) throw new DataError('bad-option', `dataset '${opts.dataset}' has no labels`, 'Train it unconditionally (--conditional false).');
      const batch = sampler.next();
      return { x: batch.x as tf.Tensor4D, y: batch.y as tf.Tensor1D };
    },
    state: () => sampler.state(),
    restore: (state) => {
      sampler = createSampler(data, { batchSize: opts.batchSize, state });
    },
  };
}
