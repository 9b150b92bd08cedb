/**
 * What a GAN family's step and callbacks need from a dataset, whatever its kind: a stream of real
 * batches (resumable) and a view of the generator on the run's fixed latent batch (samples and
 * metrics). `imageRealData` / `imageView` wrap an image source (sample grid, digit metrics);
 * `mixtureTrainingData` builds both for a 2-D mixture (PacGAN metrics, scatter + CSV).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { mixtureByName, sampleMixtureBatch } from '@stablegen/data';
import type { SampleArtifact } from '@stablegen/trainer';
import type { DigitEvaluator } from './digit-evaluation.js';
import type { ImageSource } from './image-source.js';
import { packLabelled } from './labelled-batch.js';
import { createMixtureEvaluator } from './mixture-evaluation.js';
import { mixtureSampleArtifacts } from './mixture-samples.js';
import { sampleGrid } from './sample-grid.js';

/** Real examples for the critic. */
export interface RealData {
  /** The next real batch [batchSize, ...]; `rng` is the step's generator. Caller disposes. */
  next(rng: Rng): tf.Tensor;
  /** Position to checkpoint (image datasets draw epochs; mixtures are an endless stream). */
  state(): Record<string, unknown>;
  restore(state: Record<string, unknown>): void;
}

/** Samples and metrics on the run's fixed latent batch. */
export interface GeneratorView {
  sample(generator: LayersModel, step: number): Promise<SampleArtifact[]>;
  evaluate(generator: LayersModel): Record<string, number>;
  dispose(): void;
}

export interface MixtureTrainingOptions {
  /** 'ring8' | 'grid25'; any other name is a DataError. */
  dataset: string;
  batchSize: number;
  /** Samples per evaluation (2,500 in PacGAN). */
  evalSamples: number;
  latentDim: number;
  /** The run's seed: the evaluation's latent batch comes from it alone. */
  seed: number;
}

/** Real batches [batchSize, 2] drawn from the step's Rng, and the PacGAN view (modes, hq_share, reverse_kl; scatter PNG + points CSV). */
export function mixtureTrainingData(o: MixtureTrainingOptions): { real: RealData; view: GeneratorView } {
  const spec = mixtureByName(o.dataset);
  const evaluator = createMixtureEvaluator(spec, o.evalSamples, o.latentDim, o.seed);
  return {
    real: { next: (rng) => sampleMixtureBatch(spec, o.batchSize, rng), state: () => ({}), restore: () => undefined },
    view: {
      sample: (g, step) => mixtureSampleArtifacts(evaluator.points(g), spec, step),
      evaluate: (g) => evaluator.evaluate(g),
      dispose: () => evaluator.dispose(),
    },
  };
}

/**
 * An image source as RealData (its sampler owns the batch order; checkpoints hold `{ sampler }`).
 * With `classes` > 0 each batch is labelled, packed as [b, h * w * c + classes] (packLabelled).
 */
export function imageRealData(source: ImageSource, classes = 0): RealData {
  const labelled = () => {
    const { x, y } = source.nextLabelledBatch();
    const oneHot = tf.tidy(() => tf.cast(tf.oneHot(y, classes), 'float32') as tf.Tensor2D);
    const packed = packLabelled(x, oneHot);
    tf.dispose([x, y, oneHot]);
    return packed;
  };
  return {
    next: () => (classes > 0 ? labelled() : source.nextBatch()),
    state: () => ({ sampler: source.state() }),
    restore: (state) => source.restore(state.sampler as ReturnType<ImageSource['state']>),
  };
}

/**
 * Image view: one sample grid of the fixed latent batch, and the digit metrics where present.
 * @param zGrid [sampleCount, latentDim]; disposed with the view (as is `digits`)
 * @param columns images per grid row (default about sqrt(sampleCount); one column per class reads best when conditional)
 */
export function imageView(zGrid: tf.Tensor2D, digits?: DigitEvaluator, columns?: number): GeneratorView {
  return {
    sample: async (g) => [await sampleGrid(g, zGrid, 2, columns)],
    evaluate: (g) => digits?.evaluate(g) ?? {},
    dispose: () => {
      zGrid.dispose();
      digits?.dispose();
    },
  };
}
