import { createRng } from '@stablegen/random';
import { expect, test } from 'vitest';
import { randomShift } from './augment.js';

test('shifts by at most maxShift and fills with background', () => {
  // one 4x4 image with a single bright pixel at (1, 2)
  const img = new Float32Array(16).fill(-1);
  img[1 * 4 + 2] = 1;
  const rng = createRng(3);
  for (let trial = 0; trial < 50; trial++) {
    const out = randomShift(img, 1, rng, 1, 4);
    const at = out.findIndex((v) => v === 1);
    expect(at).toBeGreaterThanOrEqual(0);
    const [y, x] = [Math.floor(at / 4), at % 4];
    expect(Math.abs(y - 1)).toBeLessThanOrEqual(1);
    expect(Math.abs(x - 2)).toBeLessThanOrEqual(1);
    expect(out.filter((v) => v === -1)).toHaveLength(15);
  }
});
