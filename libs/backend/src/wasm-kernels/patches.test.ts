import { describe, expect, test } from 'vitest';
import { col2im, im2col, im2colTransposed, patchDims, type PatchGeometry } from './patches.js';

/** cols[m, k] from the definition: x[n, oh*sH + kh*dH - pT, ow*sW + kw*dW - pL, c], 0 outside. */
function im2colRef(x: Float32Array, g: PatchGeometry): Float64Array {
  const { m, k } = patchDims(g);
  const cols = new Float64Array(m * k);
  for (let n = 0; n < g.batch; n++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let kh = 0; kh < g.kH; kh++)
          for (let kw = 0; kw < g.kW; kw++)
            for (let c = 0; c < g.inC; c++) {
              const ih = oh * g.strideH + kh * g.dilH - g.padTop;
              const iw = ow * g.strideW + kw * g.dilW - g.padLeft;
              const inside = ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW;
              const row = (n * g.outH + oh) * g.outW + ow;
              cols[row * k + (kh * g.kW + kw) * g.inC + c] = inside ? x[((n * g.inH + ih) * g.inW + iw) * g.inC + c] : 0;
            }
  return cols;
}

function geometry(p: Partial<PatchGeometry>): PatchGeometry {
  const g = { batch: 2, inH: 7, inW: 6, inC: 3, kH: 3, kW: 2, strideH: 2, strideW: 1, dilH: 1, dilW: 1, padTop: 1, padLeft: 0, outH: 4, outW: 5, ...p };
  return g;
}

/** Values 1, 2, 3, ... (distinct, so any misplaced element shows). */
function ramp(n: number, from = 1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => from + i);
}

const geometries: [string, PatchGeometry][] = [
  ['stride 2/1, pad 1/0', geometry({})],
  ['dilation 2, pads on both sides', geometry({ dilH: 2, dilW: 2, padTop: 2, padLeft: 1, outH: 4, outW: 5 })],
  ['DCGAN conv 2 (k4 s2, 32 channels: long runs)', geometry({ batch: 1, inH: 14, inW: 14, inC: 32, kH: 4, kW: 4, strideH: 2, strideW: 2, padTop: 1, padLeft: 1, outH: 7, outW: 7 })],
];

describe('im2col / col2im', () => {
  test.each([
    ...geometries,
    ['stride 1, pad on both sides (long runs)', geometry({ batch: 2, inH: 5, inW: 9, inC: 2, kH: 3, kW: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1, outH: 5, outW: 9 })],
    ['left pad beyond the kernel, stride 2 across', geometry({ inW: 8, kW: 3, strideW: 2, padLeft: 3, outW: 5 })],
  ] as [string, PatchGeometry][])('im2colTransposed from channel-major x is the transpose of the definition: %s', (_name, g) => {
    const xSize = g.batch * g.inH * g.inW * g.inC;
    const { m, k } = patchDims(g);
    const x = ramp(xSize);
    const a = new Float32Array(xSize + m * k).fill(NaN); // xT [inC, batch, inH, inW], then cols^T [K, M]
    for (let i = 0; i < xSize; i++) {
      const c = i % g.inC;
      const nhw = (i - c) / g.inC;
      a[c * (xSize / g.inC) + nhw] = x[i];
    }
    im2colTransposed(a, 0, xSize, g);
    const ref = im2colRef(x, g);
    const refT = Array.from({ length: m * k }, (_, i) => ref[(i % m) * k + Math.floor(i / m)]);
    expect(Array.from(a.subarray(xSize))).toEqual(refT);
  });

  test.each(geometries)('im2col matches the definition: %s', (_name, g) => {
    const xSize = g.batch * g.inH * g.inW * g.inC;
    const { m, k } = patchDims(g);
    const a = new Float32Array(xSize + m * k).fill(NaN); // x then cols in one array, like the wasm heap
    a.set(ramp(xSize));
    im2col(a, 0, xSize, g);
    expect(Array.from(a.subarray(xSize))).toEqual(Array.from(im2colRef(a.subarray(0, xSize), g)));
  });

  test.each(geometries)('col2im is the adjoint of im2col: <col2im(c), x> = <c, im2col(x)>: %s', (_name, g) => {
    const xSize = g.batch * g.inH * g.inW * g.inC;
    const { m, k } = patchDims(g);
    const a = new Float32Array(m * k + xSize);
    const c = ramp(m * k, 0.5).map((v) => Math.sin(v)); // arbitrary cols
    a.set(c);
    col2im(a, 0, m * k, g); // dx starts at 0
    const x = ramp(xSize).map((v) => Math.cos(v));
    const lhs = a.subarray(m * k).reduce((s, v, i) => s + v * x[i], 0);
    const cx = im2colRef(x, g);
    const rhs = c.reduce((s, v, i) => s + v * cx[i], 0);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(rhs)));
  });

  test('col2im adds onto what dx holds', () => {
    const g = geometry({ batch: 1, inH: 2, inW: 2, inC: 1, kH: 1, kW: 1, strideH: 1, strideW: 1, padTop: 0, outH: 2, outW: 2 });
    const a = Float32Array.from([1, 2, 3, 4, 10, 20, 30, 40]); // cols (1x1 kernel: cols == dx layout), then dx
    col2im(a, 0, 4, g);
    expect(Array.from(a.subarray(4))).toEqual([11, 22, 33, 44]);
  });
});
