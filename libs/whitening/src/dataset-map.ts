/**
 * Whitening inside a `@tensorflow/tfjs-data` pipeline: `dataset.map(whiteningMap(whitener))` for
 * tensor elements, or `whiteningMap(whitener, 'xs')` for object elements {xs, ...} (only that field
 * changes). Elements may be single examples [...exampleShape] or batches [n, ...exampleShape].
 * The whitener must outlive the dataset's iteration.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@tensorflow/tfjs-data';
import type { Whitener } from './whitener.js';

/** A map function: element (tensor or object) -> the same with the tensor whitened. */
export function whiteningMap<T extends tf.TensorContainer>(whitener: Whitener, key?: string): (element: T) => T {
  return (element: T): T => {
    if (key === undefined) return whitener.transform(element as tf.Tensor) as unknown as T;
    const obj = element as unknown as Record<string, tf.Tensor>;
    if (!obj || !(key in obj)) throw new Error(`whiteningMap: element has no field '${key}'`);
    return { ...obj, [key]: whitener.transform(obj[key]) } as unknown as T;
  };
}

/** `ds.map(whiteningMap(whitener, key))`. */
export function whitenDataset<T extends tf.TensorContainer>(ds: Dataset<T>, whitener: Whitener, key?: string): Dataset<T> {
  return ds.map(whiteningMap<T>(whitener, key));
}
