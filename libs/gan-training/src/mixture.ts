/** The 2-D Gaussian mixtures of the PacGAN protocol by name, for a family's `--dataset` flag. */
import { DataError, GRID25, type MixtureSpec, RING8 } from '@stablegen/data';

export type MixtureName = 'ring8' | 'grid25';

export const MIXTURES: Readonly<Record<MixtureName, MixtureSpec>> = Object.freeze({ ring8: RING8, grid25: GRID25 });

export const isMixtureName = (name: string): name is MixtureName => Object.hasOwn(MIXTURES, name);

/** The mixture called `name`; any other name is a DataError listing the valid ones. */
export function mixtureByName(name: string): MixtureSpec {
  if (!isMixtureName(name)) {
    throw new DataError('unknown-dataset', `unknown 2-D mixture '${name}'`, `Use one of: ${Object.keys(MIXTURES).join(', ')}.`);
  }
  return MIXTURES[name];
}

/** A square plotting window around the mixture's modes with `margin` on every side. */
export function mixtureExtent(spec: MixtureSpec, margin = 0.5): [number, number] {
  const r = Math.max(...spec.centres.flatMap(([x, y]) => [Math.abs(x), Math.abs(y)]));
  return [-r - margin, r + margin];
}
