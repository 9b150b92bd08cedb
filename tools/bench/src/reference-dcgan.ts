/**
 * The reference DCGAN whose training step the benchmark times on every backend (28x28x1 images,
 * latent size 64). Fixed on purpose: it is a yardstick, not a configurable model.
 *
 * G: z[b, 64] -> dense 7*7*64 -> reshape [b, 7, 7, 64] -> ReLU -> convT 64->32 (k4 s2 same) -> ReLU
 *    -> convT 32->1 (k4 s2 same) -> tanh -> [b, 28, 28, 1]
 * D: x[b, 28, 28, 1] -> conv 1->32 (k4 s2 same) -> LeakyReLU 0.2 -> conv 32->64 (k4 s2 same)
 *    -> LeakyReLU 0.2 -> flatten -> dense 1 -> logit [b, 1]
 * Loss: non-saturating, softplus form. Adam(2e-4, beta1 0.5). One D update then one G update.
 * Both networks run through `forwardOf` (@stablegen/gan-training), the apps' own forward pass for
 * chains: each conv / dense and the activation after it as one fused kernel whose gradient computes
 * only what the update needs (the generator update no longer computes D's filter gradients).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { type Forward, forwardOf } from '@stablegen/gan-training';
import { adam } from '@stablegen/optimizers';
import { allReduceGradients, shardOf, type ReplicaContext, type ReplicaProgram } from '@stablegen/trainer';

export const LATENT_SIZE = 64;
export const IMAGE_SHAPE = [28, 28, 1] as const;

export interface ReferenceDcgan {
  generator: Sequential;
  discriminator: Sequential;
  /** The two networks' forward passes (forwardOf). */
  forward: { generator: Forward; discriminator: Forward };
  gOptimizer: tf.Optimizer;
  dOptimizer: tf.Optimizer;
}

export interface DcganLosses {
  dLoss: number;
  gLoss: number;
}

/** Weights N(0, 0.02) (Radford et al. 2016, sec. 4); biases zero. `seed` makes them repeatable. */
function init(seed: number, i: number) {
  return initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed * 16 + i });
}

function buildGenerator(seed: number): Sequential {
  const conv = { kernelSize: 4, strides: 2, padding: 'same' as const };
  return sequential({
    name: 'reference_generator',
    layers: [
      layers.dense({ inputShape: [LATENT_SIZE], units: 7 * 7 * 64, kernelInitializer: init(seed, 0) }),
      layers.reshape({ targetShape: [7, 7, 64] }),
      layers.reLU(),
      layers.conv2dTranspose({ filters: 32, ...conv, kernelInitializer: init(seed, 1) }), // [b, 14, 14, 32]
      layers.reLU(),
      layers.conv2dTranspose({ filters: 1, ...conv, kernelInitializer: init(seed, 2) }), // [b, 28, 28, 1]
      layers.activation({ activation: 'tanh' }),
    ],
  });
}

function buildDiscriminator(seed: number): Sequential {
  const conv = { kernelSize: 4, strides: 2, padding: 'same' as const };
  return sequential({
    name: 'reference_discriminator',
    layers: [
      layers.conv2d({ inputShape: [...IMAGE_SHAPE], filters: 32, ...conv, kernelInitializer: init(seed, 3) }), // [b, 14, 14, 32]
      layers.leakyReLU({ alpha: 0.2 }),
      layers.conv2d({ filters: 64, ...conv, kernelInitializer: init(seed, 4) }), // [b, 7, 7, 64]
      layers.leakyReLU({ alpha: 0.2 }),
      layers.flatten(), // [b, 3136]
      layers.dense({ units: 1, kernelInitializer: init(seed, 5) }), // [b, 1]
    ],
  });
}

/** Builds G, D and their Adam(2e-4, 0.5) optimisers on the active backend. */
export function createReferenceDcgan(seed = 1): ReferenceDcgan {
  const [generator, discriminator] = [buildGenerator(seed), buildDiscriminator(seed)];
  return {
    generator,
    discriminator,
    forward: { generator: forwardOf(generator), discriminator: forwardOf(discriminator) },
    gOptimizer: adam(2e-4, 0.5),
    dOptimizer: adam(2e-4, 0.5),
  };
}

export function disposeReferenceDcgan(model: ReferenceDcgan): void {
  model.generator.dispose();
  model.discriminator.dispose();
  model.gOptimizer.dispose();
  model.dOptimizer.dispose();
}

function trainable(m: Sequential): tf.Variable[] {
  return m.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * D loss: mean softplus(-D(real)) + mean softplus(D(fake)) = -log sigmoid(D(real)) - log(1 - sigmoid(D(fake))).
 * @param real [b, 28, 28, 1] @param fake [b, 28, 28, 1]
 */
export function discriminatorLoss(model: ReferenceDcgan, real: tf.Tensor4D, fake: tf.Tensor4D): tf.Scalar {
  const d = model.forward.discriminator;
  const realLogits = d(real, true); // [b, 1]
  const fakeLogits = d(fake, true); // [b, 1]
  return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
}

/** Non-saturating G loss: mean softplus(-D(G(z))). @param z [b, 64] */
export function generatorLoss(model: ReferenceDcgan, z: tf.Tensor2D): tf.Scalar {
  const fake = model.forward.generator(z, true);
  return tf.mean(tf.softplus(tf.neg(model.forward.discriminator(fake, true))));
}

/** One Adam step of D on a real batch and G(zD) (G not differentiated). @returns the D loss before the step */
export function discriminatorUpdate(model: ReferenceDcgan, real: tf.Tensor4D, zD: tf.Tensor2D): number {
  const fake = tf.tidy(() => model.forward.generator(zD, true) as tf.Tensor4D);
  const loss = model.dOptimizer.minimize(() => discriminatorLoss(model, real, fake), true, trainable(model.discriminator));
  fake.dispose();
  const value = loss!.dataSync()[0];
  loss!.dispose();
  return value;
}

/** One Adam step of G through D. @returns the G loss before the step */
export function generatorUpdate(model: ReferenceDcgan, zG: tf.Tensor2D): number {
  const loss = model.gOptimizer.minimize(() => generatorLoss(model, zG), true, trainable(model.generator));
  const value = loss!.dataSync()[0];
  loss!.dispose();
  return value;
}

/** One reference step: a D update, then a G update. @param real [b, 28, 28, 1] in [-1, 1] */
export function dcganStep(model: ReferenceDcgan, real: tf.Tensor4D, zD: tf.Tensor2D, zG: tf.Tensor2D): DcganLosses {
  const dLoss = discriminatorUpdate(model, real, zD);
  const gLoss = generatorUpdate(model, zG);
  return { dLoss, gLoss };
}

/** The fixed batch the step bench trains on: real images uniform in [-1, 1], two latent batches; rows [start, start + size) of it. */
export function referenceBatch(batch: number, seed: number, start = 0, size = batch): { real: tf.Tensor4D; zD: tf.Tensor2D; zG: tf.Tensor2D } {
  return tf.tidy(() => {
    const real = tf.randomUniform([batch, ...IMAGE_SHAPE], -1, 1, 'float32', seed) as tf.Tensor4D;
    const zD = tf.randomNormal([batch, LATENT_SIZE], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
    const zG = tf.randomNormal([batch, LATENT_SIZE], 0, 1, 'float32', seed + 2) as tf.Tensor2D;
    if (start === 0 && size === batch) return { real, zD, zG };
    return { real: tf.slice(real, start, size), zD: tf.slice(zD, start, size), zG: tf.slice(zG, start, size) };
  });
}

/** The reference DCGAN's step on one fixed batch: what bench:dcgan-step times. */
export function referenceDcganStep(batch: number, seed = 1): { step(): Record<string, number>; dispose(): void } {
  const model = createReferenceDcgan(seed);
  const { real, zD, zG } = referenceBatch(batch, seed);
  return {
    step: () => ({ ...dcganStep(model, real, zD, zG) }),
    dispose() {
      disposeReferenceDcgan(model);
      tf.dispose([real, zD, zG]);
    },
  };
}

/** Floats the replicas' largest all-reduce carries: the larger network's weights and its loss. */
export function referenceDcganCapacity(): number {
  const model = createReferenceDcgan();
  const capacity = Math.max(model.generator.countParams(), model.discriminator.countParams()) + 1;
  disposeReferenceDcgan(model);
  return capacity;
}

/** Where `referenceDcganReplica` lives, for startReplicas' entry. */
export const REFERENCE_DCGAN_MODULE = import.meta.url;

/** One Adam step of `optimizer` on the replicas' mean gradient of `loss` (each replica's on its shard). @returns the loss over the whole batch */
function replicaUpdate(context: ReplicaContext, optimizer: tf.Optimizer, loss: () => tf.Scalar, vars: tf.Variable[]): number {
  const { value, grads } = optimizer.computeGradients(loss, vars);
  const reduced = allReduceGradients(context, grads, [value.dataSync()[0]]);
  optimizer.applyGradients(reduced.grads);
  tf.dispose([value, grads, reduced.grads]);
  return reduced.scalars[0];
}

/**
 * The same step data-parallel (startReplicas' factory): every replica builds the model from the
 * same seed and the same batch, takes its rows, and averages the gradients of each update with the
 * others before the same Adam step, so replicas hold the same weights. Nothing in this model mixes
 * samples (no batch norm), so the averaged gradient is the full batch's, up to float rounding.
 */
export function referenceDcganReplica(context: ReplicaContext, data: { batch: number; seed?: number }): ReplicaProgram {
  const seed = data.seed ?? 1;
  const model = createReferenceDcgan(seed);
  const { start, size } = shardOf(data.batch, context.index, context.replicas);
  const { real, zD, zG } = referenceBatch(data.batch, seed, start, size);
  return {
    step() {
      const fake = tf.tidy(() => model.forward.generator(zD, true) as tf.Tensor4D);
      const dLoss = replicaUpdate(context, model.dOptimizer, () => discriminatorLoss(model, real, fake), trainable(model.discriminator));
      fake.dispose();
      const gLoss = replicaUpdate(context, model.gOptimizer, () => generatorLoss(model, zG), trainable(model.generator));
      return { dLoss, gLoss };
    },
    dispose() {
      disposeReferenceDcgan(model);
      tf.dispose([real, zD, zG]);
    },
  };
}
