/**
 * The sigma every spectrally normalised layer of a model divided its kernel by on its last call,
 * in depth order: what a trainer logs (`stab/critic/sigma/<layer key>`) to show how far each
 * layer's raw kernel grows while SN holds the normalised one at spectral norm 1.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SpectralNormConv2D, SpectralNormDense } from './sn-layers.js';

type AnyLayer = { name: string; layers?: AnyLayer[] };

/** Every layer of `model`, nested models included, in order. */
function allLayers(model: AnyLayer): AnyLayer[] {
  return (model.layers ?? []).flatMap((l) => [l, ...allLayers(l)]);
}

/** sigma of the last call of each SpectralNormDense / SpectralNormConv2D in `model`, input side first. */
export function layerSigmas(model: LayersModel): { layer: string; sigma: number }[] {
  return allLayers(model as unknown as AnyLayer)
    .filter((l): l is SpectralNormDense | SpectralNormConv2D => l instanceof SpectralNormDense || l instanceof SpectralNormConv2D)
    .map((l) => ({ layer: l.name, sigma: l.sigma() }));
}
