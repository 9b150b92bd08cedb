/** Default layout of a DCGAN-style image pyramid (Radford et al. 2016). */

/**
 * Number of stride-2 stages for a square image of side `resolution`: the largest n with
 * resolution divisible by 2^n and resolution / 2^n >= 4 (28 -> 2 (7x7 base), 32 -> 3, 64 -> 4).
 */
export function dcganStages(resolution: number): number {
  if (!Number.isInteger(resolution) || resolution < 8) {
    throw new Error(`DCGAN resolution must be an integer >= 8, got ${resolution}`);
  }
  let n = 0;
  while (resolution % 2 ** (n + 1) === 0 && resolution / 2 ** (n + 1) >= 4) n++;
  if (n === 0) throw new Error(`DCGAN resolution ${resolution} is not divisible by 2 down to a base of >= 4`);
  return n;
}

/**
 * Default generator widths, widest first, halving per stage down to `base` (the last stage):
 * 28 -> [64, 32], 32 -> [128, 64, 32], 64 -> [256, 128, 64, 32]. Critics use them reversed.
 */
export function defaultDcganWidths(resolution: number, base = 32): number[] {
  const n = dcganStages(resolution);
  return Array.from({ length: n }, (_, i) => base * 2 ** (n - 1 - i));
}
