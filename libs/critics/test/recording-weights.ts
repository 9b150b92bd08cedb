/** A WeightLayers factory that records every request and the layer it returned. */
import type { layers } from '@tensorflow/tfjs-layers';
import type { ConvRequest, DenseRequest, WeightLayers } from '../src/weight-layers.js';

export interface Recording extends WeightLayers {
  requests: Array<{ kind: 'conv'; request: ConvRequest } | { kind: 'dense'; request: DenseRequest }>;
  made: layers.Layer[];
}

export function recordingWeights(base: WeightLayers): Recording {
  const rec: Recording = {
    requests: [],
    made: [],
    conv: (request) => {
      rec.requests.push({ kind: 'conv', request });
      const layer = base.conv(request);
      rec.made.push(layer);
      return layer;
    },
    dense: (request) => {
      rec.requests.push({ kind: 'dense', request });
      const layer = base.dense(request);
      rec.made.push(layer);
      return layer;
    },
  };
  return rec;
}
