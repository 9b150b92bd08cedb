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
 * The one DCGAN width rule (generators, critics, every app): feature maps before each stride-2
 * stage, widest first, `widest` halved per stage and never below 8. 28 -> [64, 32],
 * 32 -> [64, 32, 16], 64 -> [64, 32, 16, 8] with the default 64. Critics use them reversed.
 */
export function dcganWidths(resolution: number, widest = 64): number[] {
  return Array.from({ length: dcganStages(resolution) }, (_, i) => Math.max(8, widest >> i));
}
