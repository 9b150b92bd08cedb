import { describe, expect, it } from 'vitest';
import { DataError } from './errors.js';
import { GRID25, RING8 } from './mixtures/gaussian-mixtures.js';
import { isMixtureName, mixtureByName, mixtureExtent, parseDatasetName } from './dataset-name.js';

const errorOf = (f: () => unknown): DataError => {
  try {
    f();
  } catch (e) {
    return e as DataError;
  }
  throw new Error('did not throw');
};

describe('parseDatasetName', () => {
  it('basic: mnist, a folder, a mixture', () => {
    expect(parseDatasetName('mnist')).toEqual({ kind: 'mnist', name: 'mnist' });
    expect(parseDatasetName('folder:/a/b')).toEqual({ kind: 'folder', name: 'folder:/a/b', path: '/a/b' });
    expect(parseDatasetName('grid25')).toMatchObject({ kind: 'mixture', name: 'grid25', spec: GRID25 });
  });

  it('throws when the name is unknown, listing what the family accepts', () => {
    const err = errorOf(() => parseDatasetName('ring9', ['mnist', 'folder', 'mixture']));
    expect(err).toBeInstanceOf(DataError);
    expect(err.code).toBe('unknown-dataset');
    expect(err.message).toBe("unknown dataset 'ring9'. Use 'mnist', 'folder:<path>' (or --data <path>), 'ring8' or 'grid25'.");
    expect(errorOf(() => parseDatasetName('folder:')).code).toBe('unknown-dataset');
  });

  it('throws when the family does not train on that kind', () => {
    expect(errorOf(() => parseDatasetName('ring8', ['mnist', 'folder'])).message).toBe(
      "dataset 'ring8' (a 2-D mixture) is not one this family trains on. Use 'mnist' or 'folder:<path>' (or --data <path>).",
    );
  });

  it('mixtureByName and mixtureExtent: the grid reaches +-4, the window adds the margin', () => {
    expect(mixtureByName('grid25')).toBe(GRID25);
    expect(mixtureByName('ring8')).toBe(RING8);
    expect(isMixtureName('toString')).toBe(false); // own keys only, not Object.prototype's
    expect(mixtureExtent(RING8, 0.5)).toEqual([-1.5, 1.5]); // ring modes reach |1|, grid modes |4|
    expect(mixtureExtent(GRID25, 1)).toEqual([-5, 5]);
    expect(() => mixtureByName('mnist')).toThrow(/not one this family trains on/);
  });
});
