/**
 * Judges generated digits against the held-out real ones: FD-MNIST (Frechet distance in the
 * classifier's 128-d feature space) plus class coverage.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { classCoverage } from './class-coverage.js';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet-distance.js';
import { labelAgreement } from './label-agreement.js';
import { type MnistClassifier, predictInChunks } from './mnist-classifier.js';

export interface DigitQuality {
  fdMnist: number;
  classesCovered: number;
  confidentShare: number;
  /** Share of samples predicted as each digit 0..9. */
  shares: number[];
  /** With labels: share of samples classified as their label (a class-conditional generator's agreement). */
  labelAgreement?: number;
}

export class MnistJudge {
  private constructor(
    readonly classifier: MnistClassifier,
    private readonly realStats: GaussianStats,
  ) {}

  /** @param realImages held-out digits [n, 28, 28, 1] in [-1, 1] */
  static create(classifier: MnistClassifier, realImages: tf.Tensor4D): MnistJudge {
    const features = predictInChunks(classifier.featureModel, realImages);
    return new MnistJudge(classifier, gaussianStats(features, realImages.shape[0], features.length / realImages.shape[0]));
  }

  /**
   * @param images generated digits [n, 28, 28, 1] in [-1, 1]
   * @param labels [n] the digit each image was generated for (class-conditional generators)
   */
  judge(images: tf.Tensor4D, labels?: ArrayLike<number>): DigitQuality {
    const n = images.shape[0];
    const features = predictInChunks(this.classifier.featureModel, images);
    const fake = gaussianStats(features, n, features.length / n);
    const probs = predictInChunks(this.classifier.model, images);
    const coverage = classCoverage(probs, n, 10);
    const agreement = labels === undefined ? {} : { labelAgreement: labelAgreement(probs, labels, 10) };
    return { fdMnist: frechetDistance(this.realStats, fake), ...coverage, ...agreement };
  }
}
