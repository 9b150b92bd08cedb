import { describe, expect, it } from 'vitest';
import { linePlot, panelPlot, renumberSvgIds } from './line-plot.js';

/** The `d` attributes of the line marks, as [x, y] vertex lists (vega writes M x,y L x,y ...). */
function linePaths(svg: string): [number, number][][] {
  const ds = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]);
  return ds.map((d) => [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
}

/** Text content of the elements of one vega role (e.g. axis-title). */
function roleTexts(svg: string, role: string): string[] {
  const i = svg.indexOf(`role-${role}`);
  expect(i, `no ${role} in the SVG`).toBeGreaterThan(0);
  return [...svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^>]*>(.*?)</g>`, 'g'))].flatMap((m) =>
    [...m[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]),
  );
}

const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i * 10, y: f(i) }));

describe('linePlot', () => {
  it('basic: one path per series and both axis titles', async () => {
    const svg = await linePlot({
      title: 'losses',
      xLabel: 'step',
      yLabel: 'loss value',
      series: [
        { name: 'loss/d', points: ramp(20, (i) => 1 / (i + 1)) },
        { name: 'loss/g', points: ramp(20, (i) => 2 - i / 20) },
        { name: 'loss/gp', points: ramp(5, (i) => i) },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    const paths = linePaths(svg);
    expect(paths).toHaveLength(3);
    // One vertex per point: 20, 20 and 5 points were given.
    expect(paths.map((p) => p.length).sort((a, b) => a - b)).toEqual([5, 20, 20]);
    expect(roleTexts(svg, 'axis-title').sort()).toEqual(['loss value', 'step']);
    expect(roleTexts(svg, 'title-text')).toEqual(['losses']);
  });

  it('a faint and a main series of the same name are two paths', async () => {
    const pts = ramp(10, (i) => i);
    const svg = await linePlot({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        { name: 'a', points: pts, faint: true },
        { name: 'a', points: pts },
      ],
    });
    expect(linePaths(svg)).toHaveLength(2);
    // Legend lists the name once.
    expect(roleTexts(svg, 'legend-label')).toEqual(['a']);
  });

  it('legend: false leaves the legend out', async () => {
    const series = [{ name: 'a', points: ramp(3, (i) => i) }];
    expect(await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series })).toContain('role-legend');
    expect(await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series, legend: false })).not.toContain('role-legend');
  });

  it('linear y: pixel heights are an affine map of the values', async () => {
    // y = 0, 1, 4 at x = 0, 10, 20: on a linear scale (py1 - py0) / (py2 - py0) = (1 - 0) / (4 - 0).
    const svg = await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: ramp(3, (i) => i * i) }] });
    const [[, p0], [, p1], [, p2]] = linePaths(svg)[0];
    expect((p1 - p0) / (p2 - p0)).toBeCloseTo(0.25, 3);
  });

  it('logY: equal ratios are equal pixel steps; non-positive values are dropped', async () => {
    // y = 1, 10, 100: log10 gives 0, 1, 2, so (py1 - py0) / (py2 - py0) = 1/2.
    const series = [{ name: 's', points: [{ x: -1, y: 0 }, ...ramp(3, (i) => 10 ** i)] }];
    const svg = await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', logY: true, series });
    const path = linePaths(svg)[0];
    expect(path).toHaveLength(3);
    expect((path[1][1] - path[0][1]) / (path[2][1] - path[0][1])).toBeCloseTo(0.5, 3);
  });

  it('non-finite points are skipped and metric names are escaped in the SVG', async () => {
    const svg = await linePlot({
      title: '<b>x</b>',
      xLabel: 'step',
      yLabel: 'a & b',
      series: [{ name: '<script>', points: [{ x: 0, y: 1 }, { x: 1, y: NaN }, { x: 2, y: 3 }] }],
    });
    expect(linePaths(svg)[0]).toHaveLength(2);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('panelPlot: one path per series in every panel', async () => {
    const svg = await panelPlot({
      title: 'two',
      panels: [
        { title: 'p1', xLabel: 'step', yLabel: 'a', series: [{ name: 'r1', points: ramp(4, (i) => i) }] },
        {
          title: 'p2',
          xLabel: 'step',
          yLabel: 'b',
          series: [
            { name: 'r1', points: ramp(4, (i) => i) },
            { name: 'r2', points: ramp(4, (i) => -i) },
          ],
        },
      ],
    });
    expect(linePaths(svg)).toHaveLength(3);
    expect(roleTexts(svg, 'axis-title').sort()).toEqual(['a', 'b', 'step', 'step']);
  });

  it('a series of one point is drawn as a point; a panel of full series gets no point marks', async () => {
    /** Positions of the point marks. */
    const symbols = (svg: string) => [...svg.matchAll(/aria-roledescription="point" transform="translate\(([\d.]+),([\d.]+)\)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const single = await linePlot({ title: 't', xLabel: 'step', yLabel: 'y', series: [{ name: 'test/acc', points: [{ x: 400, y: 0.75 }] }] });
    expect(linePaths(single).map((p) => p.length)).toEqual([1]); // a one-vertex line: invisible on its own
    expect(symbols(single)).toEqual([[240, 130]]); // a one-value domain puts it at the centre of the 480 x 260 area
    const mixed = await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: ramp(4, (i) => i) }, { name: 'b', points: [{ x: 5, y: 1 }] }] });
    expect(symbols(mixed)).toHaveLength(5);
    expect(symbols(await linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: ramp(4, (i) => i) }] }))).toEqual([]);
  });

  it('throws when a panel plot has no panels', async () => {
    await expect(panelPlot({ panels: [] })).rejects.toThrow(/no panels/);
  });
});

describe('renumberSvgIds', () => {
  it('basic: ids and their references renumbered in order of appearance', () => {
    const svg = '<svg><clipPath id="clip7"/><g clip-path="url(#clip7)"/><use href="#clip9"/><x id="clip9"/></svg>';
    expect(renumberSvgIds(svg)).toBe('<svg><clipPath id="v1"/><g clip-path="url(#v1)"/><use href="#v2"/><x id="v2"/></svg>');
  });

  it('the same plot renders to the same bytes twice', async () => {
    const opts = { title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: ramp(5, (i) => i) }] };
    expect(await linePlot(opts)).toBe(await linePlot(opts));
  });
});
