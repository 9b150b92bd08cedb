import { describe, expect, it } from 'vitest';
import { scatterPlot } from './scatter-plot.js';

/** Pixel positions of the point marks of layer `i` (vega writes transform="translate(px,py)" per symbol). */
function layerPoints(svg: string, i: number): [number, number][] {
  const group = new RegExp(`<g class="mark-symbol role-mark layer_${i}_marks"[^>]*>(.*?)</g>`).exec(svg);
  expect(group, `no layer ${i} in the SVG`).not.toBeNull();
  return [...group![1].matchAll(/transform="translate\((-?[\d.e+-]+),(-?[\d.e+-]+)\)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('scatterPlot', () => {
  it('basic: one mark per point, placed on the fixed axes', async () => {
    // Plot area 200 x 100 px over x in [0, 10], y in [-1, 1]: px = 20 x, py = 50 (1 - y).
    const svg = await scatterPlot({
      title: 'samples',
      xLabel: 'x1',
      yLabel: 'x2',
      width: 200,
      height: 100,
      xDomain: [0, 10],
      yDomain: [-1, 1],
      series: [{ name: 'samples', points: [{ x: 0, y: -1 }, { x: 5, y: 0 }, { x: 10, y: 0.5 }] }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    const pts = layerPoints(svg, 0);
    expect(pts).toHaveLength(3);
    const expected = [[0, 100], [100, 50], [200, 25]];
    pts.forEach(([px, py], k) => {
      expect(px).toBeCloseTo(expected[k][0], 3);
      expect(py).toBeCloseTo(expected[k][1], 3);
    });
  });

  it('series are separate layers in order; non-finite points are dropped', async () => {
    const svg = await scatterPlot({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        { name: 'samples', points: [{ x: 0, y: 0 }, { x: NaN, y: 1 }, { x: 1, y: Infinity }, { x: 1, y: 1 }] },
        { name: 'modes', points: [{ x: 0.5, y: 0.5 }], shape: 'cross', size: 80, opacity: 1 },
      ],
    });
    expect(layerPoints(svg, 0)).toHaveLength(2);
    expect(layerPoints(svg, 1)).toHaveLength(1);
    expect(svg).toContain('aria-label="x: 0.5; y: 0.5; series: modes"');
  });

  it('legend: false leaves the legend out', async () => {
    const series = [{ name: 'a', points: [{ x: 0, y: 0 }] }];
    expect(await scatterPlot({ title: 't', xLabel: 'x', yLabel: 'y', series })).toContain('role-legend');
    expect(await scatterPlot({ title: 't', xLabel: 'x', yLabel: 'y', series, legend: false })).not.toContain('role-legend');
  });

  it('throws when there is no series', async () => {
    await expect(scatterPlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [] })).rejects.toThrow(/no series/);
  });
});
