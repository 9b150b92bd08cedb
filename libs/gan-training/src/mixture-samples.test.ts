import { RING8 } from '@stablegen/data';
import { describe, expect, it } from 'vitest';
import { mixtureSampleArtifacts, mixtureScatterSvg, pointsCsv } from './mixture-samples.js';

describe('pointsCsv', () => {
  it('basic: header, one line per point, values parse back to the same float32', () => {
    const pts = Float32Array.from([0.1, -2.5, 1e-7, 3.3333333]);
    const lines = pointsCsv(pts).trimEnd().split('\n');
    expect(lines[0]).toBe('x,y');
    expect(lines).toHaveLength(3);
    const back = Float32Array.from(lines.slice(1).flatMap((l) => l.split(',').map(Number)));
    expect(Array.from(back)).toEqual(Array.from(pts));
  });
});

describe('mixture samples', () => {
  it('the scatter plot draws every sample and the 8 ring modes', async () => {
    const pts = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i)]).flat();
    const svg = await mixtureScatterSvg(pts, RING8, 'ring');
    expect(svg.match(/series: samples"/g)).toHaveLength(30);
    expect(svg.match(/series: modes"/g)).toHaveLength(8);
  });

  it('artifacts: a PNG scatter and the points as CSV', async () => {
    const [png, csv] = await mixtureSampleArtifacts([1, 0, 0, 1], RING8, 5);
    expect(png.ext).toBe('png');
    expect((png.data as Buffer).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(csv).toEqual({ ext: 'csv', suffix: '-points', data: 'x,y\n1,0\n0,1\n' });
  });
});
