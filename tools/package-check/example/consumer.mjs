// Someone else's code: plain Node ESM outside the workspace, importing stablegen libs by package name.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@stablegen/backend';
import { nonSaturating } from '@stablegen/losses';
import { wganGradientPenalty } from '@stablegen/gradient-penalty';
import { spectralNormalize } from '@stablegen/spectral-norm';
import { warmupCosine, flatness } from '@stablegen/schedules';

await initBackend('wasm', { log: () => {} });
const rng = createRng(1);
const w = tf.variable(tf.tensor2d([[0.8], [-0.9], [0.6]]));
const critic = (x) => tf.leakyRelu(tf.matMul(x, w), 0.2);
const real = tf.randomNormal([4, 3], 0, 1, 'float32', rng.nextSeed());
const fake = tf.randomNormal([4, 3], 0, 1, 'float32', rng.nextSeed());
const { penalty } = wganGradientPenalty(critic, real, fake, { seed: rng.nextSeed() });
const loss = nonSaturating.critic(critic(real), critic(fake));
const { sigma } = spectralNormalize(tf.tensor2d([[3, 0], [0, 1]]), tf.tensor2d([[1, 1]]), 20);
const lr = warmupCosine({ base: 1e-3, warmupSteps: 10, totalSteps: 100 });
console.log(JSON.stringify({ penalty: penalty.dataSync()[0], loss: loss.dataSync()[0], sigma: sigma.dataSync()[0], flatness: flatness(lr, 100) }));
