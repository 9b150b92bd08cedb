/** The sample grid artifact: the generator's images for the fixed latent batch, as one PNG. */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { imageGridPng, type SampleArtifact } from '@stablegen/trainer';
import { generate } from './generate.js';

/**
 * @param z fixed latent batch [n, latentDim]
 * @param columns images per row (default about sqrt(n); a class-conditional view passes its class count)
 */
export async function sampleGrid(generator: LayersModel, z: tf.Tensor2D, scale = 2, columns?: number): Promise<SampleArtifact> {
  const images = generate(generator, z) as tf.Tensor4D;
  try {
    return { ext: 'png', data: await imageGridPng(images, columns, scale) };
  } finally {
    images.dispose();
  }
}
