/**
 * A deep copy of a LayersModel through its serialised form (topology JSON + weight buffer), the
 * same path as `model.save` / `tf.loadLayersModel`: useful for a generator EMA copy, and a
 * round-trip check that every custom layer is registered for serialisation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';

/** Saves `model` to memory artifacts (no file system). */
export async function saveToArtifacts(model: LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
    }),
  );
  if (artifacts === undefined) throw new Error('saveToArtifacts: the save handler was not called');
  return artifacts;
}

/** Saves `model` to memory and loads it back as a new, independent model. */
export async function cloneLayersModel(model: LayersModel): Promise<LayersModel> {
  return loadLayersModel(tf.io.fromMemory(await saveToArtifacts(model)));
}
