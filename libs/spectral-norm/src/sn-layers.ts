/**
 * Dense and conv layers whose kernel is spectrally normalised on every call (Miyato et al. 2018).
 * Each holds its persistent `u` [1, out] as a non-trainable weight (so it is saved with the model
 * and restored by checkpoints; never re-randomised), advanced by `powerIterations` power steps
 * only when called with `{ training: true }`. `sigma()` reads the sigma of the last call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { spectralNormalize } from './power-iteration.js';
import { SpectralNorm } from './spectral-norm-state.js';

type Kwargs = { training?: boolean } & Record<string, unknown>;
type Shape = Array<number | null>;
type Pair = number | [number, number];

export interface SnCommonArgs {
  /** Power steps per call (default 1). */
  powerIterations?: number;
  useBias?: boolean;
  /** Seed of the kernel initialiser; u is drawn from seed + 1. */
  seed?: number;
  /** Kernel initialiser stddev: N(0, stddev) (default 0.02, as in DCGAN). */
  stddev?: number;
  name?: string;
  /** For the first layer of a tf.sequential. */
  inputShape?: number[];
  batchInputShape?: Array<number | null>;
}

abstract class SpectralNormBase extends layers.Layer {
  protected kernel!: LayerVariable;
  protected bias?: LayerVariable;
  protected u!: LayerVariable;
  protected sn?: SpectralNorm;
  protected readonly powerIterations: number;
  protected readonly useBias: boolean;
  protected readonly seed?: number;
  protected readonly stddev: number;

  constructor(args: SnCommonArgs) {
    super({ name: args.name, inputShape: args.inputShape, batchInputShape: args.batchInputShape });
    this.powerIterations = args.powerIterations ?? 1;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
    this.stddev = args.stddev ?? 0.02;
  }

  /** Adds kernel [..., out], bias [out] and u [1, out]. */
  protected addWeights(kernelShape: number[]): void {
    const out = kernelShape[kernelShape.length - 1];
    const seed = this.seed;
    const kernelInit = initializers.randomNormal({ mean: 0, stddev: this.stddev, seed });
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', kernelInit);
    if (this.useBias) this.bias = this.addWeight('bias', [out], 'float32', initializers.zeros());
    const uInit = initializers.randomNormal({ mean: 0, stddev: 1, seed: seed === undefined ? undefined : seed + 1 });
    this.u = this.addWeight('u', [1, out], 'float32', uInit, undefined, false);
    this.sn = new SpectralNorm(this.u.read() as tf.Variable, { powerIterations: this.powerIterations });
    this.built = true;
  }

  /** The normalised kernel (same shape as the kernel); advances u when training. */
  protected normalizedKernel(kwargs: Kwargs): tf.Tensor {
    return (this.sn as SpectralNorm).apply(this.kernel.read(), kwargs.training === true);
  }

  /**
   * sigma the last call divided the kernel by (for logging). Before any call: the estimate from
   * one power step off the stored u (u unchanged).
   */
  sigma(): number {
    if (!this.sn) throw new Error(`${this.name}: sigma() before the layer is built`);
    const last = this.sn.sigma;
    if (last !== undefined) return last;
    return tf.tidy(() => spectralNormalize(this.kernel.read(), this.u.read(), 1).sigma.dataSync()[0]);
  }

  protected override disposeWeights(): number {
    this.sn?.dispose();
    return super.disposeWeights();
  }

  override getConfig(): tf.serialization.ConfigDict {
    const own = { powerIterations: this.powerIterations, useBias: this.useBias, seed: this.seed ?? null, stddev: this.stddev };
    return { ...super.getConfig(), ...own };
  }
}

export interface SpectralNormDenseArgs extends SnCommonArgs {
  units: number;
}

/** x [..., in] -> x W_sn + b [..., units]. */
export class SpectralNormDense extends SpectralNormBase {
  static readonly className = 'SpectralNormDense';
  readonly units: number;

  constructor(args: SpectralNormDenseArgs) {
    super(args);
    this.units = args.units;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = inputShape as Shape;
    this.addWeights([shape[shape.length - 1] as number, this.units]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...(inputShape as Shape).slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs; // [..., in]
      const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D; // [prod(...), in]
      const y = tf.matMul(flat, this.normalizedKernel(kwargs) as tf.Tensor2D); // [prod(...), units]
      const biased = this.bias ? tf.add(y, this.bias.read()) : y;
      return tf.reshape(biased, [...x.shape.slice(0, -1), this.units]); // [..., units]
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

export interface SpectralNormConv2DArgs extends SnCommonArgs {
  filters: number;
  /** k or [kh, kw]. */
  kernelSize: Pair;
  /** s or [sh, sw] (default 1). */
  strides?: Pair;
  padding?: 'same' | 'valid';
}

const pair = (p: Pair): [number, number] => (Array.isArray(p) ? [p[0], p[1]] : [p, p]);

/** x [batch, h, w, cin] -> conv2d(x, K_sn) + b [batch, h', w', filters]; K [kh, kw, cin, filters]. */
export class SpectralNormConv2D extends SpectralNormBase {
  static readonly className = 'SpectralNormConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';

  constructor(args: SpectralNormConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = pair(args.kernelSize);
    this.strides = pair(args.strides ?? 1);
    this.padding = args.padding ?? 'same';
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = inputShape as Shape;
    this.addWeights([...this.kernelSize, shape[3] as number, this.filters]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, h, w] = inputShape as Shape;
    const side = (n: number | null, k: number, s: number) =>
      n === null ? null : this.padding === 'same' ? Math.ceil(n / s) : Math.ceil((n - k + 1) / s);
    return [b, side(h, this.kernelSize[0], this.strides[0]), side(w, this.kernelSize[1], this.strides[1]), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const y = tf.conv2d(x, this.normalizedKernel(kwargs) as tf.Tensor4D, this.strides, this.padding);
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const own = { filters: this.filters, kernelSize: this.kernelSize, strides: this.strides, padding: this.padding };
    return { ...super.getConfig(), ...own };
  }
}

tf.serialization.registerClass(SpectralNormDense);
tf.serialization.registerClass(SpectralNormConv2D);
