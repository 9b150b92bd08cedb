/**
 * The page: loads a run's exported generator with tf.loadLayersModel (the progressive family's
 * custom layers are registered by importing @stablegen/layers), reads its contract from
 * model.json's userDefinedMetadata, draws a seeded latent batch and paints the images.
 * When done it sets body[data-ready] and window.stablegen = { contract, latent, shape }.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import '@stablegen/layers';
import { imageGrid, latentBatch } from './grid.js';

interface Contract {
  family: string;
  latentDim: number;
  classes: number;
  outputShape: number[];
  output: 'image' | 'points';
  outputRange: [number, number] | null;
}

const status = document.getElementById('status')!;
const canvas = document.getElementById('samples') as HTMLCanvasElement;

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const url = q.get('model');
  if (!url) throw new Error('no ?model=<url of model.json> in the address');
  const [n, seed, scale] = [Number(q.get('n') ?? 64), Number(q.get('seed') ?? 1), Number(q.get('scale') ?? 3)];
  await tf.setBackend('cpu');
  const model = await loadLayersModel(url);
  const contract = model.getUserDefinedMetadata() as Contract | undefined;
  if (!contract || contract.output !== 'image') throw new Error(`${url}: not an image generator with a stablegen contract in model.json`);
  const latent = latentBatch(n, contract.latentDim, contract.classes, seed);
  const out = tf.tidy(() => model.predict(tf.tensor2d(latent, [n, contract.latentDim + contract.classes])) as tf.Tensor);
  const shape = out.shape;
  const grid = imageGrid(await out.data(), shape, contract.outputRange ?? [-1, 1], contract.classes || undefined);
  out.dispose();
  canvas.width = grid.width;
  canvas.height = grid.height;
  canvas.style.width = `${grid.width * scale}px`;
  canvas.getContext('2d')!.putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);
  status.textContent = `${contract.family}: ${n} samples of ${shape.slice(1).join(' x ')} (latent ${contract.latentDim}${contract.classes ? ` + ${contract.classes} classes` : ''}, seed ${seed})`;
  Object.assign(window, { stablegen: { contract, latent: Array.from(latent), shape } });
  document.body.dataset['ready'] = 'true';
}

main().catch((err: Error) => {
  status.textContent = `error: ${err.message}`;
  status.className = 'error';
  document.body.dataset['ready'] = 'error';
});
