/**
 * The sigma every spectrally normalised layer of a model divided its kernel by on its last call,
 * by layer name: what a trainer logs (`stab/critic/sigma/<layer>`) to show how far each layer's
 * raw kernel grows while SN holds the normalised one at spectral norm 1.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SpectralNormConv2D, SpectralNormDense } from './sn-layers.js';

type AnyLayer = { name: string; layers?: AnyLayer[] };

/** Every layer of `model`, nested models included, in order. */
function allLayers(model: AnyLayer): AnyLayer[] {
  return (model.layers ?? []).flatMap((l) => [l, ...allLayers(l)]);
}

/** sigma of the last call of each SpectralNormDense / SpectralNormConv2D in `model`, keyed by layer name. */
export function layerSigmas(model: LayersModel): Record<string, number> {
  const out: Record<string, number> = {};
  for (const layer of allLayers(model as unknown as AnyLayer)) {
    if (layer instanceof SpectralNormDense || layer instanceof SpectralNormConv2D) out[layer.name] = layer.sigma();
  }
  return out;
}
