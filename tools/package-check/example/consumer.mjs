// Someone else's code: a plain Node ESM project outside the workspace that installed every
// stablegen library from its packed tarball (npm pack + npm install) and imports them by name.
// Prints one JSON line of figures; the test compares each with its closed form.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { GRADIENT_FIXES } from '@stablegen/gradient-fixes';
import { appendMetrics, finalMetrics, runPaths, writeFileAtomic } from '@stablegen/run-files';
import { dcganWidths, EqualizedDense } from '@stablegen/layers';
import { buildMlpGenerator } from '@stablegen/generators';
import { buildMlpCritic } from '@stablegen/critics';
import { nonSaturating } from '@stablegen/losses';
import { wganGradientPenalty } from '@stablegen/gradient-penalty';
import { spectralNormalize } from '@stablegen/spectral-norm';
import { fitWhitening, whiten } from '@stablegen/whitening';
import { inverseSigmoidSchedule } from '@stablegen/teacher-forcing';
import { warmupCosine, flatness } from '@stablegen/schedules';
import { topHessianEigenvalue } from '@stablegen/stability';
import { loadMnist, parseDatasetName } from '@stablegen/data';
import { frechetDistance, gaussianStats } from '@stablegen/metrics';
import { baseConfigSchema, formatUserError, resolveConfig, UserError } from '@stablegen/trainer';
import { ema, escapeHtml, svgToPng } from '@stablegen/report';
import { latentPrior } from '@stablegen/gan-training';
import { maskedCrc32c } from '@stablegen/tensorboard';
import { summarise, wilson95 } from '@stablegen/launcher';
import { adam } from '@stablegen/optimizers';

const backend = await initBackend('wasm', { log: () => {} });
const rng = createRng(1);
const seq = Array.from({ length: 3 }, () => rng.uniform());
const resumed = createRng(1, createRng(1).state());
const sameStream = seq.every((v) => v === resumed.uniform()) ? 1 : 0;

// gradient penalty of a linear critic w: lambda (|w| - 1)^2 whatever the interpolates
const w = tf.variable(tf.tensor2d([[0.8], [-0.9], [0.6]]));
const critic = (x) => tf.matMul(x, w);
const real = tf.randomNormal([4, 3], 0, 1, 'float32', rng.nextSeed());
const fake = tf.randomNormal([4, 3], 0, 1, 'float32', rng.nextSeed());
const { penalty } = wganGradientPenalty(critic, real, fake, { seed: rng.nextSeed(), lambda: 10 });
const zeros = tf.zeros([5, 1]);
const loss = nonSaturating.critic(zeros, zeros); // D = 0 on both: 2 ln 2
const { sigma } = spectralNormalize(tf.tensor2d([[3, 0], [0, 1]]), tf.tensor2d([[1, 1]]), 20);
const lr = warmupCosine({ base: 1e-3, warmupSteps: 10, totalSteps: 100 });

// A 2-D GAN pair: generator [n, 2] -> [n, 2], critic [n, 2] -> [n, 1].
const generator = buildMlpGenerator({ latentDim: 2, hidden: [16, 16], seed: 3 });
const mlpCritic = buildMlpCritic({ hidden: [16, 16], spectralNorm: true, seed: 4 });
const points = generator.predict(tf.randomNormal([8, 2], 0, 1, 'float32', rng.nextSeed()));
const scores = mlpCritic.predict(points);

// Whitening: ZCA of correlated data has (near) identity covariance; its largest off-identity entry.
const data = tf.matMul(tf.randomNormal([2000, 2], 0, 1, 'float32', rng.nextSeed()), tf.tensor2d([[2, 0], [1.5, 0.5]]));
const z = whiten(data, fitWhitening(data, { epsilon: 0 }), 'zca');
const centered = tf.sub(z, tf.mean(z, 0));
const covError = tf.max(tf.abs(tf.sub(tf.div(tf.matMul(centered, centered, true, false), 1999), tf.eye(2)))).dataSync()[0];

// Sharpness of 0.5 x^T diag(3, 1) x: the top Hessian eigenvalue is 3.
const x = tf.variable(tf.tensor1d([0.3, -0.2]));
const top = topHessianEigenvalue(() => tf.mul(0.5, tf.sum(tf.mul(tf.tensor1d([3, 1]), tf.square(x)))), [x], { iterations: 50 });

// Optimizers: one fused Adam step from zero moments moves each weight by lr against its gradient's sign.
const weights = tf.variable(tf.tensor1d([0.5, -0.2]));
adam(0.1).applyGradients([{ name: weights.name, tensor: tf.tensor1d([0.3, -4]) }]);

// Run files: an atomic write and the final value of each metric.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-'));
writeFileAtomic(runPaths(dir).config, '{}');
appendMetrics(dir, { step: 1, loss: 3 });
appendMetrics(dir, { step: 2, loss: 1, acc: 0.5 });

// Metrics: two 1-D gaussians N(0, 1) and N(3, 4) are at Frechet distance 3^2 + (1 - 2)^2 = 10.
const normal = (mu, s) => Float64Array.from({ length: 20000 }, () => mu + s * rng.normal());
const fd = frechetDistance(gaussianStats(normal(0, 1), 20000, 1), gaussianStats(normal(3, 2), 20000, 1));

// Trainer: flags through a schema; a user error in one line.
const { config } = resolveConfig('demo', 'demo', baseConfigSchema({ steps: 10, batchSize: 4, sampleEvery: 5, checkpointEvery: 5, evalEvery: 5 }), ['--steps', '7', '--batchSize=3'], () => {});
const errorLine = formatUserError(new UserError('bad thing', 'do this'));

// Report: escaping, a debiased EMA of a constant, and an SVG rasterised by sharp.
const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="10" height="5"/></svg>');

// gan-training: a class-conditional prior's fixed batch cycles through the classes.
const fixed = latentPrior(4, 10).fixed(20, 1);
const labels = tf.argMax(tf.slice(fixed, [0, 4], [-1, 10]), 1).dataSync();

console.log(JSON.stringify({
  backend: backend.name ?? backend,
  backendLine: backend.line,
  wasmBackpropFilter: tf.getKernel('Conv2DBackpropFilter', 'wasm') ? 1 : 0,
  sameStream,
  fixes: GRADIENT_FIXES.length,
  adamFused: tf.getKernel('StablegenAdamUpdate', 'wasm') ? 1 : 0,
  adamStep: Array.from(weights.dataSync()),
  penalty: penalty.dataSync()[0],
  normW: Math.hypot(0.8, 0.9, 0.6),
  loss: loss.dataSync()[0],
  sigma: sigma.dataSync()[0],
  flatness: flatness(lr, 100),
  eps10: inverseSigmoidSchedule(5)(10),
  widths: dcganWidths(28),
  equalizedScale: (() => { const l = new EqualizedDense({ units: 2 }); l.build([null, 8]); return l.scale; })(),
  generatorShape: points.shape.join('x'),
  criticShape: scores.shape.join('x'),
  criticFinite: scores.dataSync().every(Number.isFinite) ? 1 : 0,
  covError,
  sharpness: top.eigenvalue,
  final: finalMetrics(dir),
  folder: parseDatasetName('folder:/a/b').path,
  mnist: loadMnist({ split: 'heldout' }).x.shape,
  fd,
  config: [config.steps, config.batchSize],
  errorLine,
  escaped: escapeHtml('<a href="x">'),
  ema: ema([2, 2, 2]),
  pngSignature: [...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''),
  labels: Array.from(labels).slice(0, 12),
  tbMask: maskedCrc32c(Buffer.from('123456789')),
  seeds: summarise([1, 2, 3, 4, 5]),
  wilson: wilson95(5, 10),
}));
