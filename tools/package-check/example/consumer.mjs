// Someone else's code: plain Node ESM outside the workspace, importing stablegen libs by package name.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, createRng } from '@stablegen/backend';
import { buildMlpGenerator } from '@stablegen/generators';
import { buildMlpCritic } from '@stablegen/critics';
import { nonSaturating } from '@stablegen/losses';
import { wganGradientPenalty } from '@stablegen/gradient-penalty';
import { spectralNormalize } from '@stablegen/spectral-norm';
import { fitWhitening, whiten } from '@stablegen/whitening';
import { inverseSigmoidSchedule } from '@stablegen/teacher-forcing';
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

// A 2-D GAN pair: generator [n, 2] -> [n, 2], critic [n, 2] -> [n, 1].
const generator = buildMlpGenerator({ latentDim: 2, hidden: [16, 16], seed: 3 });
const mlpCritic = buildMlpCritic({ hidden: [16, 16], spectralNorm: true, seed: 4 });
const points = generator.predict(tf.randomNormal([8, 2], 0, 1, 'float32', rng.nextSeed()));
const scores = mlpCritic.predict(points);

// Whitening: ZCA of correlated data has (near) identity covariance; report its largest off-identity entry.
const a = tf.tensor2d([[2, 0], [1.5, 0.5]]);
const data = tf.matMul(tf.randomNormal([2000, 2], 0, 1, 'float32', rng.nextSeed()), a);
const fit = fitWhitening(data, { epsilon: 0 });
const z = whiten(data, fit, 'zca');
const centered = tf.sub(z, tf.mean(z, 0));
const cov = tf.div(tf.matMul(centered, centered, true, false), 1999);
const covError = tf.max(tf.abs(tf.sub(cov, tf.eye(2)))).dataSync()[0];

console.log(JSON.stringify({
  penalty: penalty.dataSync()[0],
  loss: loss.dataSync()[0],
  sigma: sigma.dataSync()[0],
  flatness: flatness(lr, 100),
  eps10: inverseSigmoidSchedule(5)(10),
  generatorShape: points.shape.join('x'),
  criticShape: scores.shape.join('x'),
  criticFinite: scores.dataSync().every(Number.isFinite) ? 1 : 0,
  covError,
}));
