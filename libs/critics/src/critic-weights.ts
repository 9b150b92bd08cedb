/** Picks a critic's default weight-layer factory by initialisation scheme. */
import type { Rng } from '@stablegen/random';
import { dcganWeightLayers, glorotWeightLayers, heWeightLayers, type WeightLayers } from './weight-layers.js';

/** 'dcgan': N(0, 0.02); 'glorot': Glorot uniform; 'he' / 'equalized': He-scaled at init / at run time. */
export type WeightInit = 'dcgan' | 'glorot' | 'he' | 'equalized';

export function criticWeightLayers(rng: Rng, init: WeightInit): WeightLayers {
  switch (init) {
    case 'dcgan':
      return dcganWeightLayers(rng);
    case 'glorot':
      return glorotWeightLayers(rng);
    case 'he':
      return heWeightLayers(rng, false);
    case 'equalized':
      return heWeightLayers(rng, true);
  }
}
