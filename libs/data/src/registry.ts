/**
 * Datasets by name, for an app's `--dataset` flag: 'mnist' (train split), 'mnist-heldout',
 * 'ring8', 'grid25', and 'folder:<path>' for a folder of images. The date-translation task has
 * its own shape (pairs and vocabularies): see createDateTask.
 */
import { DataError } from './errors.js';
import { loadImageFolder, type ImageFolderOptions } from './image-folder/image-folder.js';
import type { InMemoryDataset } from './in-memory.js';
import { GRID25, RING8, sampleMixture } from './mixtures/gaussian-mixtures.js';
import { loadMnist, type MnistOptions } from './mnist/mnist.js';

export const DATASET_NAMES = ['mnist', 'mnist-heldout', 'ring8', 'grid25', 'folder:<path>'] as const;

export interface LoadDatasetOptions {
  /** Sampling seed of the mixtures (default 0). */
  seed?: number;
  /** Points drawn from a mixture (default 10,000). */
  n?: number;
  /** MNIST options (split is set by the name). */
  mnist?: Omit<MnistOptions, 'split'>;
  /** Image-folder options (default: 64x64 RGB). */
  folder?: ImageFolderOptions;
}

/** Loads the dataset called `name`; a name not in DATASET_NAMES is a DataError listing them. */
export async function loadDataset(name: string, opts: LoadDatasetOptions = {}): Promise<InMemoryDataset> {
  if (name.startsWith('folder:')) {
    return loadImageFolder(name.slice('folder:'.length), opts.folder ?? { size: 64, channels: 3 });
  }
  switch (name) {
    case 'mnist':
      return loadMnist({ ...opts.mnist, split: 'train' });
    case 'mnist-heldout':
      return loadMnist({ ...opts.mnist, split: 'heldout' });
    case 'ring8':
      return sampleMixture(RING8, opts.n ?? 10_000, opts.seed ?? 0);
    case 'grid25':
      return sampleMixture(GRID25, opts.n ?? 10_000, opts.seed ?? 0);
    default:
      throw new DataError('unknown-dataset', `unknown dataset '${name}'`, `Use one of: ${DATASET_NAMES.join(', ')}.`);
  }
}
