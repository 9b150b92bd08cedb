/** Scatter plots (e.g. 2-D generator samples over the modes of a mixture): vega-lite -> SVG string. */
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite } from './line-plot.js';
import type { Point } from './series.js';

export type ScatterShape = 'circle' | 'square' | 'cross' | 'diamond' | 'triangle-up';

/** One set of points; sets are drawn in order (later on top), each in its own colour and shape. */
export interface ScatterSeries {
  name: string;
  points: readonly Point[];
  /** Mark shape (default 'circle'). */
  shape?: ScatterShape;
  /** Mark area in square pixels (default 6). */
  size?: number;
  /** Mark opacity in [0, 1] (default 0.5). */
  opacity?: number;
}

export interface ScatterPlotOptions {
  series: readonly ScatterSeries[];
  title: string;
  xLabel: string;
  yLabel: string;
  /** Fixed axis ranges (points outside are clipped), so plots of several steps line up. Default: fit the data. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Size of the plotting area in pixels. Default 360 x 360. */
  width?: number;
  height?: number;
  /** Show the legend. Default true. */
  legend?: boolean;
}

interface Datum {
  x: number;
  y: number;
  series: string;
}

/** The unit layer of one series (its data inline, its own mark style). */
function seriesLayer(s: ScatterSeries, opts: ScatterPlotOptions, domain: string[]) {
  const values: Datum[] = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => ({ x: p.x, y: p.y, series: s.name }));
  const axis = (field: 'x' | 'y', title: string, range?: readonly [number, number]) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: range ? { domain: [...range], zero: false, nice: false } : { zero: false },
  });
  return {
    data: { values },
    mark: { type: 'point' as const, filled: true, clip: true, shape: s.shape ?? 'circle', size: s.size ?? 6, opacity: s.opacity ?? 0.5 },
    encoding: {
      x: axis('x', opts.xLabel, opts.xDomain),
      y: axis('y', opts.yLabel, opts.yDomain),
      color: { field: 'series', type: 'nominal' as const, title: 'series', scale: { domain }, ...(opts.legend === false ? { legend: null } : {}) },
    },
  };
}

/** A scatter plot as an SVG string: one point mark per finite point, series layered in order. */
export async function scatterPlot(opts: ScatterPlotOptions): Promise<string> {
  if (opts.series.length === 0) throw new Error('scatterPlot: no series to draw');
  const domain = [...new Set(opts.series.map((s) => s.name))];
  const spec = {
    background: 'white',
    title: opts.title,
    width: opts.width ?? 360,
    height: opts.height ?? 360,
    layer: opts.series.map((s) => seriesLayer(s, opts, domain)),
  } as unknown as TopLevelSpec;
  return renderVegaLite(spec);
}
