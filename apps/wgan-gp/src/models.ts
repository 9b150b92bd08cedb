/**
 * The wgan-gp family's models: for images a DCGAN generator and a DCGAN critic without batch norm;
 * for a 2-D mixture an MLP generator and critic. Each comes with its real-data stream and its
 * view (samples and metrics on a fixed latent batch).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/backend';
import { buildDcganCritic, buildMlpCritic } from '@stablegen/critics';
import { DataError, type SamplerState, sampleMixtureBatch } from '@stablegen/data';
import { buildDcganGenerator, buildMlpGenerator } from '@stablegen/generators';
import { dcganStages } from '@stablegen/layers';
import {
  createDigitEvaluator,
  createImageSource,
  createMixtureEvaluator,
  fixedLatent,
  type Forward,
  forwardOf,
  isMixtureName,
  mixtureByName,
  mixtureSampleArtifacts,
  sampleGrid,
} from '@stablegen/gan-training';
import type { SampleArtifact } from '@stablegen/trainer';
import type { WganGpConfig } from './config.js';

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

export interface WganGpModels {
  generator: LayersModel;
  critic: LayersModel;
  optG: tf.AdamOptimizer;
  optD: tf.AdamOptimizer;
  /** Forward passes of both (layer chains run layer by layer; see forwardOf). */
  forward: { generator: Forward; critic: Forward };
  real: RealData;
  view: GeneratorView;
}

const adam = (lr: number, c: Readonly<WganGpConfig>) => tf.train.adam(lr, c.beta1, c.beta2);

async function buildImageModels(config: Readonly<WganGpConfig>, rng: Rng): Promise<WganGpModels> {
  const source = await createImageSource({ ...config, seed: config.seed });
  const shape = { resolution: source.resolution, channels: source.channels };
  const widths = Array.from({ length: dcganStages(source.resolution) }, (_, i) => Math.max(8, config.width >> i)); // 28: [width, width/2]
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: config.latentDim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: config.criticNorm, rng });
  const zGrid = fixedLatent(config.sampleCount, config.latentDim, config.seed);
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed) : undefined;
  return {
    generator,
    critic,
    forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
    optG: adam(config.lrG, config),
    optD: adam(config.lrD, config),
    real: {
      next: () => source.nextBatch(),
      state: () => ({ sampler: source.state() }),
      restore: (state) => source.restore(state.sampler as SamplerState),
    },
    view: {
      sample: async (g) => [await sampleGrid(g, zGrid)],
      evaluate: (g) => digits?.evaluate(g) ?? {},
      dispose: () => {
        zGrid.dispose();
        digits?.dispose();
      },
    },
  };
}

function buildMixtureModels(config: Readonly<WganGpConfig>, rng: Rng): WganGpModels {
  const spec = mixtureByName(config.dataset);
  const hidden = Array.from({ length: config.mlpDepth }, () => config.mlpWidth);
  const evaluator = createMixtureEvaluator(spec, config.evalSamples, config.latentDim, config.seed);
  const generator = buildMlpGenerator({ latentDim: config.latentDim, hidden, outputDim: 2, rng });
  const critic = buildMlpCritic({ inputDim: 2, hidden, normalization: 'none', rng });
  return {
    generator,
    critic,
    forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
    optG: adam(config.lrG, config),
    optD: adam(config.lrD, config),
    real: { next: (r) => sampleMixtureBatch(spec, config.batchSize, r), state: () => ({}), restore: () => undefined },
    view: {
      sample: (g, step) => mixtureSampleArtifacts(evaluator.points(g), spec, step),
      evaluate: (g) => evaluator.evaluate(g),
      dispose: () => evaluator.dispose(),
    },
  };
}

/** Models, optimisers, data and view for `config.dataset`; weights drawn from `rng`. */
export async function buildWganGpModels(config: Readonly<WganGpConfig>, rng: Rng): Promise<WganGpModels> {
  if (isMixtureName(config.dataset)) return buildMixtureModels(config, rng);
  if (config.dataset !== 'mnist' && !config.dataset.startsWith('folder:')) {
    throw new DataError('unknown-dataset', `unknown dataset '${config.dataset}'`, "Use 'mnist', 'folder:<path>', 'ring8' or 'grid25'.");
  }
  return buildImageModels(config, rng);
}

export function disposeWganGpModels(m: WganGpModels): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.view.dispose();
}
