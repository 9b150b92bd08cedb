/**
 * Writes the PyTorch replicas' inputs into `.device/` (or the folder given): the same MNIST split
 * the apps train on (@stablegen/data loadMnist, pixels in [-1, 1]) as raw little-endian arrays, and
 * the shipped classifier's weights. Run: `npx tsx research/pytorch/export_inputs.ts [dir]`.
 *   train_x.f32 [8000, 28, 28, 1]  train_y.i32 [8000]  heldout_x.f32 [2000, 28, 28, 1]  heldout_y.i32 [2000]
 *   clf.bin (datasets/mnist-classifier/weights.bin, read by mnist_judge.py)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist } from '@stablegen/data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.device'));
fs.mkdirSync(out, { recursive: true });
const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
for (const split of ['train', 'heldout'] as const) {
  const data = loadMnist({ split });
  if (!data.y) throw new Error('loadMnist returned no labels');
  fs.writeFileSync(path.join(out, `${split}_x.f32`), bytes(Float32Array.from(data.x.data)));
  fs.writeFileSync(path.join(out, `${split}_y.i32`), bytes(Int32Array.from(data.y.data)));
  console.log(`${split}: x [${data.x.shape.join(', ')}], y [${data.y.shape.join(', ')}]`);
}
fs.copyFileSync(path.join(root, 'datasets/mnist-classifier/weights.bin'), path.join(out, 'clf.bin'));
console.log(`wrote ${out}`);
