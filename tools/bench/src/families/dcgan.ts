/** The reference DCGAN as a family step on a fixed batch (real images uniform in [-1, 1]). */
import * as tf from '@tensorflow/tfjs-core';
import { createReferenceDcgan, dcganStep, disposeReferenceDcgan, IMAGE_SHAPE, LATENT_SIZE } from '../reference-dcgan.js';
import type { FamilyStep } from './family.js';

export function dcganFamily(batch: number, seed = 1): FamilyStep {
  const model = createReferenceDcgan(seed);
  const real = tf.randomUniform([batch, ...IMAGE_SHAPE], -1, 1, 'float32', seed) as tf.Tensor4D;
  const zD = tf.randomNormal([batch, LATENT_SIZE], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const zG = tf.randomNormal([batch, LATENT_SIZE], 0, 1, 'float32', seed + 2) as tf.Tensor2D;
  return {
    name: 'dcgan',
    step: () => ({ ...dcganStep(model, real, zD, zG) }),
    dispose() {
      disposeReferenceDcgan(model);
      tf.dispose([real, zD, zG]);
    },
  };
}
