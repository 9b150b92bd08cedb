/** Typed helpers for building functional LayersModels from symbolic tensors. */
import { type layers, SymbolicTensor } from '@tensorflow/tfjs-layers';

/** `layer.apply(x)` for a layer with one output; throws if the result is not one symbolic tensor. */
export function applySymbolic(layer: layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  const y = layer.apply(x);
  if (!(y instanceof SymbolicTensor)) throw new Error(`${layer.name}: expected one symbolic output`);
  return y;
}

/** Applies `chain` in order: chain[n-1](...chain[0](x)). */
export function applyChain(chain: readonly layers.Layer[], x: SymbolicTensor): SymbolicTensor {
  return chain.reduce((h, layer) => applySymbolic(layer, h), x);
}
