/**
 * The layer stacks of a progressive generator (Karras et al. 2018, table 2), as plain layer lists
 * so a growing model can re-apply the same layer objects (and weights) in every phase.
 */
import { layers } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { heConv2d, heDense, NearestUpsample, nextInitSeed, PixelNorm } from '@stablegen/layers';

/** What every block needs to make its weight layers. */
export interface BlockContext {
  equalized: boolean;
  rng: Rng;
}

/** Negative slope of the generator's LeakyReLU. */
export const LEAKY_SLOPE = 0.2;

/** LeakyReLU(0.2) then pixel norm, after every conv of the generator. */
function activate(): layers.Layer[] {
  return [layers.leakyReLU({ alpha: LEAKY_SLOPE }), new PixelNorm()];
}

function conv3x3(filters: number, ctx: BlockContext): layers.Layer {
  return heConv2d({ equalized: ctx.equalized, seed: nextInitSeed(ctx.rng), filters, kernelSize: 3 });
}

/**
 * 4x4 base: [b, latentDim] -> pixel norm -> dense -> [b, 4, 4, width] -> lrelu, pixel norm ->
 * conv 3x3 -> lrelu, pixel norm. The dense gain 2/16 is the official code's sqrt(2)/4 std gain.
 */
export function baseBlock(width: number, ctx: BlockContext): layers.Layer[] {
  const dense = heDense({ equalized: ctx.equalized, seed: nextInitSeed(ctx.rng), units: 16 * width, gain: 2 / 16 });
  const reshape = layers.reshape({ targetShape: [4, 4, width] });
  return [new PixelNorm(), dense, reshape, ...activate(), conv3x3(width, ctx), ...activate()];
}

/** Growth block: [b, s, s, cIn] -> nearest 2x -> two conv 3x3 (lrelu, pixel norm) -> [b, 2s, 2s, width]. */
export function upBlock(width: number, ctx: BlockContext): layers.Layer[] {
  return [new NearestUpsample({ factor: 2 }), conv3x3(width, ctx), ...activate(), conv3x3(width, ctx), ...activate()];
}

/** toRGB: 1x1 conv, linear (gain 1): [b, s, s, width] -> [b, s, s, channels]. */
export function toRgb(channels: number, ctx: BlockContext): layers.Layer {
  return heConv2d({ equalized: ctx.equalized, seed: nextInitSeed(ctx.rng), filters: channels, kernelSize: 1, gain: 1 });
}
