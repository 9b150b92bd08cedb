/** Seeding options shared by every builder: an explicit seed, or a generator to draw seeds from. */
import { createRng, type Rng } from '@stablegen/random';

/** Either `{ seed }` (a fresh generator is made from it) or `{ rng }` (seeds are drawn from it). */
export type SeedOptions = { seed: number; rng?: undefined } | { rng: Rng; seed?: undefined };

/** The generator behind `options`; throws when neither a seed nor an rng is given. */
export function resolveRng(options: Partial<{ seed: number; rng: Rng }>, who: string): Rng {
  if (options.rng !== undefined) return options.rng;
  if (options.seed !== undefined) return createRng(options.seed);
  throw new Error(`${who}: pass { seed } or { rng } so the initial weights are reproducible`);
}

/**
 * The next initialiser seed from `rng`. tfjs treats seed 0 as "no seed" (it falls back to
 * Math.random), so 0 (probability 2^-31) is mapped to 1.
 */
export function nextInitSeed(rng: Rng): number {
  return rng.nextSeed() || 1;
}
