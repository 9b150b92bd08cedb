/**
 * The small convnet that judges generated digits: its penultimate layer ('features', 128 units) is
 * the feature space of FD-MNIST, its softmax gives class coverage. Trained by
 * `nx run mnist-classifier:train` on the train split only; weights and held-out accuracy ship in
 * datasets/mnist-classifier/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export const FEATURES_LAYER = 'features';

/** datasets/mnist-classifier at the workspace root (same depth from src/ and dist/). */
export const DEFAULT_CLASSIFIER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../datasets/mnist-classifier');

/**
 * input [batch, 28, 28, 1] in [-1, 1] -> conv3x3 s2 (32) relu [b,14,14,32] -> conv3x3 s2 (64) relu
 * [b,7,7,64] -> flatten [b,3136] -> dense 128 relu ('features') -> dense 10 softmax [b,10].
 * Strided convolutions instead of max-pooling: MaxPoolGrad is the slowest kernel on wasm.
 */
export function buildMnistClassifier(seed: number): tfl.LayersModel {
  let s = seed;
  const init = () => tfl.initializers.heNormal({ seed: s++ });
  const input = tfl.input({ shape: [28, 28, 1] });
  let h = tfl.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init() }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init() }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  const features = tfl.layers.dense({ units: 128, activation: 'relu', name: FEATURES_LAYER, kernelInitializer: init() }).apply(h) as tfl.SymbolicTensor;
  const dropped = tfl.layers.dropout({ rate: 0.3, seed: s++ }).apply(features) as tfl.SymbolicTensor;
  const probs = tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: s++ }) }).apply(dropped) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: probs });
}

export interface MnistClassifier {
  /** [batch, 28, 28, 1] -> [batch, 10] probabilities */
  model: tfl.LayersModel;
  /** [batch, 28, 28, 1] -> [batch, 128] penultimate features */
  featureModel: tfl.LayersModel;
  /** Held-out accuracy recorded when it was trained. */
  heldOutAccuracy: number;
}

/** An IOHandler over model.json + weights.bin in `dir` (no tfjs-node needed). */
function dirHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      const bytes = fs.readFileSync(path.join(dir, 'weights.bin'));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData, format: json.format };
    },
  };
}

/** Loads the shipped classifier; throws with the fix if it is missing. */
export async function loadMnistClassifier(dir = DEFAULT_CLASSIFIER_DIR): Promise<MnistClassifier> {
  const meta = path.join(dir, 'metrics.json');
  if (!fs.existsSync(path.join(dir, 'model.json')) || !fs.existsSync(meta)) {
    throw new Error(`MNIST classifier not found in ${dir}; train it with \`npx nx run mnist-classifier:train\``);
  }
  const model = await tfl.loadLayersModel(dirHandler(dir));
  const featureModel = tfl.model({ inputs: model.inputs, outputs: model.getLayer(FEATURES_LAYER).output as tfl.SymbolicTensor });
  const { heldOutAccuracy } = JSON.parse(fs.readFileSync(meta, 'utf8')) as { heldOutAccuracy: number };
  return { model, featureModel, heldOutAccuracy };
}

/** Runs `model` over `images` in chunks; returns the concatenated outputs as float32 values. */
export function predictInChunks(model: tfl.LayersModel, images: tf.Tensor4D, chunk = 250): Float32Array {
  const n = images.shape[0];
  const parts: Float32Array[] = [];
  for (let i = 0; i < n; i += chunk) {
    const size = Math.min(chunk, n - i);
    // Read back outside tidy: tidy walks a returned typed array element by element (~0.5 us each).
    const predicted = tf.tidy(() => model.predict(tf.slice(images, [i, 0, 0, 0], [size, -1, -1, -1])) as tf.Tensor);
    try {
      parts.push(predicted.dataSync() as Float32Array);
    } finally {
      predicted.dispose();
    }
  }
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
