/**
 * Config keys every GAN family shares for its training data and generator size, for an app's
 * schema (`.extend(ganDataFlags)`): `--dataset`, `--image-size`, `--channels`, `--max-image-pixels`,
 * `--skip-bad-images`, `--strict-images`, `--latent-dim`, and for the 2-D mixtures `--mlp-width`, `--mlp-depth`, `--mlp-generator-depth`.
 */
import { z } from 'zod';
import { imageFolderFlags } from './image-folder-data.js';

export const ganDataFlags = {
  dataset: z
    .string()
    .default('mnist')
    .describe("training data: 'mnist' (embedded), 'folder:<path>' (or --data <path>), or a 2-D mixture 'ring8' | 'grid25' (these start from configs/<name>.json unless --config is given)"),
  imageSize: z.number().int().positive().default(28).describe('side of square images (folder datasets are resized to it; mnist is 28)'),
  ...imageFolderFlags,
  latentDim: z.number().int().positive().default(64).describe('latent vector size'),
  mlpWidth: z.number().int().positive().default(128).describe('2-D: units of every hidden layer of the MLP generator and critic'),
  mlpDepth: z.number().int().positive().default(3).describe('2-D: hidden layers of the MLP generator and critic'),
  mlpGeneratorDepth: z.number().int().positive().optional().describe('2-D: hidden layers of the MLP generator alone (default: --mlp-depth)'),
};

/** Hidden widths of a 2-D family's MLP generator and critic: `--mlp-depth` x `--mlp-width`, the generator `--mlp-generator-depth` deep when set. */
export function mlpHidden(c: { mlpWidth: number; mlpDepth: number; mlpGeneratorDepth?: number }): { generator: number[]; critic: number[] } {
  const layers = (depth: number) => Array.from({ length: depth }, () => c.mlpWidth);
  return { generator: layers(c.mlpGeneratorDepth ?? c.mlpDepth), critic: layers(c.mlpDepth) };
}
