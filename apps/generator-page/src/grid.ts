/**
 * Generator output as pixels on a canvas: images [n, h, w, c] with values meant in [lo, hi]
 * (clipped, then mapped to 0..255) tiled into a grid of `columns`, as RGBA bytes.
 */
export interface Grid {
  width: number;
  height: number;
  /** RGBA, row-major, width x height x 4. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** The byte a value v in [lo, hi] is drawn as (TensorBoard / PNG convention: round((v - lo) / (hi - lo) x 255)). */
export const toByte = (v: number, lo: number, hi: number): number => Math.round(((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 255);

/** @param values [n, h, w, c] row-major, c = 1 or 3 */
export function imageGrid(values: ArrayLike<number>, [n, h, w, c]: number[], range: [number, number], columns = Math.ceil(Math.sqrt(n))): Grid {
  const rows = Math.ceil(n / columns);
  const [width, height] = [columns * w, rows * h];
  const rgba = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  for (let i = 0; i < n; i++) {
    const [gx, gy] = [(i % columns) * w, Math.floor(i / columns) * h];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((gy + y) * width + gx + x) * 4;
        for (let k = 0; k < 3; k++) rgba[dst + k] = toByte(values[src + (c === 1 ? 0 : k)], range[0], range[1]);
        rgba[dst + 3] = 255;
      }
    }
  }
  return { width, height, rgba };
}

/** Seeded latents: z ~ N(0, I) (Box-Muller over a 32-bit LCG-free mulberry32 stream), then one-hot class i mod classes. */
export function latentBatch(n: number, latentDim: number, classes: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n * (latentDim + classes));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < latentDim; j++) out[i * (latentDim + classes) + j] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    if (classes > 0) out[i * (latentDim + classes) + latentDim + (i % classes)] = 1;
  }
  return out;
}
