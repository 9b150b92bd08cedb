// @stablegen/gradient-penalty installed alone (with what npm brings for it): the WGAN-GP penalty of
// a LeakyReLU critic, differentiated w.r.t. the critic's weights. LeakyReLU's gradient uses
// Greater, which has no gradient in tfjs 4.22: this only works because the package registers the
// fixes of @stablegen/gradient-fixes itself.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { wganGradientPenalty } from '@stablegen/gradient-penalty';

await tf.setBackend('cpu');
const w = tf.variable(tf.tensor2d([[0.8], [0.9], [0.6]]));
// Inputs with positive projections x.w: D(x) = leakyRelu(x.w, 0.2) has input gradient w there.
const real = tf.tensor2d([[1, 1, 1], [2, 1, 0.5], [0.5, 2, 1], [1, 0.2, 3]]);
const fake = tf.tensor2d([[0.5, 0.5, 0.5], [1, 2, 1], [3, 1, 1], [0.2, 0.2, 0.2]]);
const critic = (x) => tf.leakyRelu(tf.matMul(x, w), 0.2);
const { value, grads } = tf.variableGrads(() => wganGradientPenalty(critic, real, fake, { seed: 5, lambda: 10 }).penalty, [w]);
console.log(JSON.stringify({ penalty: value.dataSync()[0], grad: Array.from(grads[w.name].dataSync()), w: Array.from(w.dataSync()) }));
