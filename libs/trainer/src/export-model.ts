/**
 * Export a trained model in the TensorFlow.js LayersModel format (`model.json` + `weights.bin`),
 * loadable with `tf.loadLayersModel` in a browser (by URL) or in Node (with `fileModelLoader`).
 * Works without tfjs-node (which owns the `file://` handler).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '@stablegen/run-files';

/**
 * What a page or a script needs to use an exported generator, stored in model.json's
 * `userDefinedMetadata`: which family made it, how to draw its input (z ~ N(0, I) in `latentDim`
 * dimensions, then a one-hot class of `classes` appended when > 0) and what comes out.
 */
export interface GeneratorContract {
  family: string;
  latentDim: number;
  /** 0 = unconditional; else the input is [z | one-hot(class)], `latentDim + classes` wide. */
  classes: number;
  /** The model's input and output shapes without the batch axis, e.g. [74] -> [28, 28, 1]. */
  inputShape: number[];
  outputShape: number[];
  /** 'image': [h, w, c] pixels, meant in `outputRange` (clip before drawing); 'points': 2-D samples. */
  output: 'image' | 'points';
  outputRange: [number, number] | null;
}

/** Saves `model` into `dir` as model.json + weights.bin; `metadata` goes into model.json's userDefinedMetadata. */
export async function exportLayersModel(model: LayersModel, dir: string, metadata?: object): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      writeFileAtomic(path.join(dir, 'weights.bin'), weights);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        ...(metadata ? { userDefinedMetadata: metadata } : {}),
      };
      writeFileAtomic(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
}

/** An IOHandler that reads an exported directory, for `tf.loadLayersModel(fileModelLoader(dir))` in Node. */
export function fileModelLoader(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
        modelTopology: object;
        weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
        format?: string;
        userDefinedMetadata?: { [key: string]: object };
      };
      const group = json.weightsManifest[0];
      const bytes = fs.readFileSync(path.join(dir, group.paths[0]));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return { modelTopology: json.modelTopology, weightSpecs: group.weights, weightData, format: json.format, userDefinedMetadata: json.userDefinedMetadata };
    },
  };
}
