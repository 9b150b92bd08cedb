/**
 * Judges a digit generator: `evalSamples` images from a fixed latent batch, scored by the shipped
 * MNIST classifier against the 2,000 held-out digits (FD-MNIST, classes covered, confident share).
 * With a class-conditional prior also `label_accuracy`: the share of samples the classifier
 * assigns to the digit they were generated for.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { loadMnist } from '@stablegen/data';
import { loadMnistClassifier, MnistJudge } from '@stablegen/metrics';
import { fixedLatent } from './fixed-latent.js';
import { labelsOf, type LatentPrior } from './latent-prior.js';
import { generate } from './generate.js';

export interface DigitEvaluator {
  evaluate(generator: LayersModel): Record<string, number>;
  dispose(): void;
}

export interface DigitEvaluatorOptions {
  /**
   * Maps generated images to the classifier's input [n, 28, 28, 1] (e.g. upsample a low-resolution
   * phase and crop MNIST's 32x32 padding); runs inside tf.tidy. Default: none (images are 28x28).
   */
  toMnist?: (images: tf.Tensor4D) => tf.Tensor4D;
  /** Where the fixed latent batch comes from (default N(0, I) in latentDim; a class-conditional prior gives every class in turn). */
  prior?: LatentPrior;
}

/** The label of each row of a class-conditional latent batch [n, latentDim + classes], read back once. */
function conditioningLabels(z: tf.Tensor2D, classes: number): Int32Array {
  const labels = tf.tidy(() => tf.argMax(labelsOf(z, classes), 1));
  try {
    return labels.dataSync() as Int32Array;
  } finally {
    labels.dispose();
  }
}

export async function createDigitEvaluator(evalSamples: number, latentDim: number, seed: number, options: DigitEvaluatorOptions = {}): Promise<DigitEvaluator> {
  const classifier = await loadMnistClassifier();
  const heldOut = loadMnist({ split: 'heldout' });
  const real = tf.tensor4d(heldOut.x.data, heldOut.x.shape as [number, number, number, number]);
  const judge = MnistJudge.create(classifier, real);
  real.dispose();
  const z = options.prior ? options.prior.fixed(evalSamples, seed + 1) : fixedLatent(evalSamples, latentDim, seed + 1);
  const classes = options.prior?.classes ?? 0;
  const labels = classes > 0 ? conditioningLabels(z, classes) : undefined;
  return {
    evaluate(generator) {
      const generated = generate(generator, z) as tf.Tensor4D;
      const images = options.toMnist ? tf.tidy(() => options.toMnist!(generated)) : generated;
      const q = judge.judge(images, labels);
      tf.dispose([generated, images]);
      const metrics: Record<string, number> = { fd_mnist: q.fdMnist, classes_covered: q.classesCovered, confident_share: q.confidentShare };
      if (q.labelAgreement !== undefined) metrics.label_accuracy = q.labelAgreement;
      return metrics;
    },
    dispose() {
      z.dispose();
      classifier.model.dispose();
    },
  };
}
