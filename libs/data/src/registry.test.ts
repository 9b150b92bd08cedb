import { describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { GRID25, sampleMixture } from './mixtures/gaussian-mixtures.js';
import { loadDataset } from './registry.js';

describe('loadDataset', () => {
  it('basic: loads a mixture by name with the given seed and size', async () => {
    const data = await loadDataset('grid25', { n: 500, seed: 3 });
    expect(data.x.shape).toEqual([500, 2]);
    expect(Array.from(data.x.data)).toEqual(Array.from(sampleMixture(GRID25, 500, 3).x.data));
  });

  it('throws when the name is unknown, listing the known names', async () => {
    const err = await loadDataset('mnits').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('unknown-dataset');
    expect((err as DataError).message).toBe(
      "unknown dataset 'mnits'. Use one of: mnist, mnist-heldout, ring8, grid25, folder:<path>.",
    );
  });

  it("throws a missing-folder error for 'folder:' with a bad path", async () => {
    const err = await loadDataset('folder:/definitely/not/here').catch((e: unknown) => e);
    expect((err as DataError).code).toBe('missing-folder');
  });
});
