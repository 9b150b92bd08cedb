/**
 * The one place a `--dataset` value is understood: 'mnist' (embedded), 'folder:<path>' (an image
 * folder; `--data <path>` is its short spelling), or a 2-D Gaussian mixture 'ring8' | 'grid25'.
 * Every app resolves its flag here, naming the kinds it trains on, so an unknown or unsupported
 * name is one DataError listing exactly what that app accepts.
 */
import { DataError } from './errors.js';
import { GRID25, type MixtureSpec, RING8 } from './mixtures/gaussian-mixtures.js';

export type MixtureName = 'ring8' | 'grid25';

export const MIXTURES: Readonly<Record<MixtureName, MixtureSpec>> = Object.freeze({ ring8: RING8, grid25: GRID25 });

export type DatasetRef = { kind: 'mnist'; name: 'mnist' } | { kind: 'folder'; name: string; path: string } | { kind: 'mixture'; name: MixtureName; spec: MixtureSpec };
export type DatasetKind = DatasetRef['kind'];

const SPELLING: Record<DatasetKind, string[]> = { mnist: ["'mnist'"], folder: ["'folder:<path>' (or --data <path>)"], mixture: ["'ring8'", "'grid25'"] };

/** 'a', 'b' or 'c'. */
const oneOf = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);
const FOLDER = 'folder:';

export const isMixtureName = (name: string): name is MixtureName => Object.hasOwn(MIXTURES, name);

/** What `name` names, if it is one of the `allowed` kinds; otherwise a DataError listing them. */
export function parseDatasetName(name: string, allowed: readonly DatasetKind[] = ['mnist', 'folder', 'mixture']): DatasetRef {
  const ref: DatasetRef | undefined =
    name === 'mnist'
      ? { kind: 'mnist', name }
      : name.startsWith(FOLDER) && name.length > FOLDER.length
        ? { kind: 'folder', name, path: name.slice(FOLDER.length) }
        : isMixtureName(name)
          ? { kind: 'mixture', name, spec: MIXTURES[name] }
          : undefined;
  if (ref && allowed.includes(ref.kind)) return ref;
  const what = ref ? `dataset '${name}' (a ${ref.kind === 'mixture' ? '2-D mixture' : ref.kind}) is not one this family trains on` : `unknown dataset '${name}'`;
  throw new DataError('unknown-dataset', what, `Use ${oneOf(allowed.flatMap((k) => SPELLING[k]))}.`);
}

/** The mixture called `name`; any other name is a DataError listing the mixtures. */
export function mixtureByName(name: string): MixtureSpec {
  const ref = parseDatasetName(name, ['mixture']);
  return (ref as Extract<DatasetRef, { kind: 'mixture' }>).spec;
}

/** A square plotting window around the mixture's modes with `margin` on every side. */
export function mixtureExtent(spec: MixtureSpec, margin = 0.5): [number, number] {
  const r = Math.max(...spec.centres.flatMap(([x, y]) => [Math.abs(x), Math.abs(y)]));
  return [-r - margin, r + margin];
}
