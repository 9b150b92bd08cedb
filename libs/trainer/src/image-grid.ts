/** Sample grids: a batch of images in [-1, 1] tiled into one PNG (sharp). */
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';

/**
 * @param images [n, h, w, c] with c = 1 or 3, values in [-1, 1]
 * @param cols images per row (default ceil(sqrt(n)))
 * @param scale nearest-neighbour upscaling factor for viewing
 * @returns PNG bytes of a grid with a 1-pixel border between tiles
 */
export async function imageGridPng(images: tf.Tensor4D, cols?: number, scale = 1): Promise<Buffer> {
  const [n, h, w, c] = images.shape;
  if (c !== 1 && c !== 3) throw new Error(`imageGridPng: expected 1 or 3 channels, got ${c}`);
  const columns = cols ?? Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / columns);
  const pixels = await tf.tidy(() => tf.cast(tf.round(tf.mul(tf.add(tf.clipByValue(images, -1, 1), 1), 127.5)), 'int32')).data();
  const W = columns * (w + 1) + 1;
  const H = rows * (h + 1) + 1;
  const grid = new Uint8Array(W * H * c).fill(32);
  for (let k = 0; k < n; k++) {
    const top = 1 + Math.floor(k / columns) * (h + 1);
    const left = 1 + (k % columns) * (w + 1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) grid[((top + y) * W + left + x) * c + ch] = pixels[((k * h + y) * w + x) * c + ch];
      }
    }
  }
  return sharp(grid, { raw: { width: W, height: H, channels: c } })
    .resize(W * scale, H * scale, { kernel: 'nearest' })
    .png()
    .toBuffer();
}
