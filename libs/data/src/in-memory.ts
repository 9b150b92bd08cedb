/**
 * The in-memory form every dataset here loads into: one flat typed array per field with its shape,
 * first axis = examples. Float32Array becomes a float32 tensor, Int32Array an int32 tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DataError } from './errors.js';

export interface ArrayField {
  /** Row-major values, `shape` product long. */
  data: Float32Array | Int32Array;
  /** [n, ...per-example shape]. */
  shape: number[];
}

/** `x` is the model input (images, points, token ids); `y` the label or target, if any. */
export interface InMemoryDataset {
  x: ArrayField;
  y?: ArrayField;
}

/** One batch as tensors. The caller owns them and disposes them. (A type, not an interface, so
 * that it is a tfjs TensorContainer.) */
export type Batch = {
  /** [batch, ...x shape] */
  x: tf.Tensor;
  /** [batch, ...y shape] */
  y?: tf.Tensor;
};

/** Number of examples, after checking that x and y agree. */
export function numExamples(data: InMemoryDataset): number {
  const n = data.x.shape[0];
  if (data.y && data.y.shape[0] !== n) {
    throw new Error(`InMemoryDataset: x has ${n} examples but y has ${data.y.shape[0]}`);
  }
  return n;
}

/** Values per example (product of the shape after the first axis). */
export function rowSize(field: ArrayField): number {
  return field.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Copies rows `indices` of `field` into a new field of shape [indices.length, ...]. */
export function gatherRows(field: ArrayField, indices: ArrayLike<number>): ArrayField {
  const size = rowSize(field);
  const out = field.data instanceof Int32Array ? new Int32Array(indices.length * size) : new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * size;
    out.set(field.data.subarray(start, start + size), i * size);
  }
  return { data: out, shape: [indices.length, ...field.shape.slice(1)] };
}

/** A tensor with the field's values: float32 for Float32Array, int32 for Int32Array. */
export function fieldToTensor(field: ArrayField): tf.Tensor {
  const dtype = field.data instanceof Int32Array ? 'int32' : 'float32';
  return tf.tensor(field.data, field.shape, dtype);
}

/** Rows `indices` of `data` as a Batch of fresh tensors. */
export function gatherBatch(data: InMemoryDataset, indices: ArrayLike<number>): Batch {
  const x = fieldToTensor(gatherRows(data.x, indices));
  return data.y ? { x, y: fieldToTensor(gatherRows(data.y, indices)) } : { x };
}

/** A subset of `data` (copied rows). */
export function subset(data: InMemoryDataset, indices: ArrayLike<number>): InMemoryDataset {
  const x = gatherRows(data.x, indices);
  return data.y ? { x, y: gatherRows(data.y, indices) } : { x };
}

/** Throws a DataError when `batchSize` is not in [1, n]. */
export function checkBatchSize(batchSize: number, n: number, what = 'the dataset'): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DataError('bad-option', `batch size must be a positive integer, got ${batchSize}`, 'Pass --batch-size >= 1.');
  }
  if (batchSize > n) {
    throw new DataError(
      'batch-too-large',
      `batch size ${batchSize} is larger than ${what} (${n} examples)`,
      `Use a batch size <= ${n}, or a larger dataset.`,
    );
  }
}
