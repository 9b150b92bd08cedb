/** Random integer shifts of 28x28 digits (background -1 fills the gap): cheap augmentation. */
import type { Rng } from '@stablegen/random';

/**
 * @param images [n, 28, 28, 1] row-major values in [-1, 1]
 * @returns a shifted copy; each image moves by (dy, dx) in [-maxShift, maxShift]^2
 */
export function randomShift(images: Float32Array, n: number, rng: Rng, maxShift = 2, size = 28): Float32Array {
  const out = new Float32Array(images.length).fill(-1);
  for (let k = 0; k < n; k++) {
    const dy = rng.int(2 * maxShift + 1) - maxShift;
    const dx = rng.int(2 * maxShift + 1) - maxShift;
    const base = k * size * size;
    for (let y = Math.max(0, dy); y < Math.min(size, size + dy); y++) {
      for (let x = Math.max(0, dx); x < Math.min(size, size + dx); x++) out[base + y * size + x] = images[base + (y - dy) * size + (x - dx)];
    }
  }
  return out;
}
