/** Line plots: vega-lite spec -> vega spec -> SVG string, rendered headlessly (renderer 'none'). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { decimate, type Point } from './series.js';

/** One curve. Series with the same name share a colour; `faint` draws it light (raw behind a smoothed one). */
export interface LineSeries {
  name: string;
  points: readonly Point[];
  faint?: boolean;
  /** Draw dashed (a limit or reference drawn beside the curves it bounds). */
  dashed?: boolean;
}

/** A vertical rule at a step (a checkpoint, a rollback, an override on resume). */
export interface PlotEvent {
  step: number;
  kind: string;
}

export interface LinePlotOptions {
  series: readonly LineSeries[];
  title: string;
  xLabel: string;
  yLabel: string;
  /** Log-scale y axis; points with y <= 0 cannot be drawn there and are dropped. */
  logY?: boolean;
  /** Size of the plotting area in pixels (axes, title and legend come on top). Default 480 x 260. */
  width?: number;
  height?: number;
  /** Each series is thinned to about this many points. Default 2000. */
  maxPoints?: number;
  /** Show the colour legend. Default true. */
  legend?: boolean;
  /** Vertical rules at these steps: checkpoints faint grey, every other kind red. */
  events?: readonly PlotEvent[];
}

export interface PanelPlotOptions {
  title?: string;
  panels: readonly LinePlotOptions[];
  /** Panels per row. Default 2. */
  columns?: number;
}

interface Datum {
  x: number;
  y: number;
  series: string;
  layer: 'faint' | 'main';
  style: 'solid' | 'dashed';
}

function plotData(opts: LinePlotOptions): Datum[] {
  const data: Datum[] = [];
  for (const s of opts.series) {
    const ok = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!opts.logY || p.y > 0));
    for (const p of decimate(ok, opts.maxPoints ?? 2000)) {
      data.push({ x: p.x, y: p.y, series: s.name, layer: s.faint ? 'faint' : 'main', style: s.dashed ? 'dashed' : 'solid' });
    }
  }
  return data;
}

const seriesNames = (series: readonly LineSeries[]): string[] => [...new Set(series.map((s) => s.name))];

/**
 * The vega-lite unit spec of one panel (data inline; fields are fixed names, so any metric name is safe).
 * @param colorDomain series names in legend order; default the panel's own
 */
export function linePanelSpec(opts: LinePlotOptions, colorDomain = seriesNames(opts.series)): TopLevelSpec {
  const data = plotData(opts);
  const counts = new Map<string, number>();
  for (const d of data) counts.set(`${d.layer} ${d.series}`, (counts.get(`${d.layer} ${d.series}`) ?? 0) + 1);
  const sparse = [...counts.values()].some((n) => n === 1);
  const line = {
    data: { values: data },
    // A series of one point has no line to draw: mark every point when any series is that short.
    mark: { type: 'line', clip: true, strokeWidth: 1.5, ...(sparse ? { point: true } : {}) },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.xLabel },
      y: {
        field: 'y',
        type: 'quantitative',
        title: opts.yLabel,
        scale: opts.logY ? { type: 'log' } : { zero: false },
        axis: { format: '~r' }, // 10, not 10.000000; 400, not 4e+2 on a log axis
      },
      strokeDash: { field: 'style', type: 'nominal', scale: { domain: ['solid', 'dashed'], range: [[1, 0], [5, 3]] }, legend: null },
      color: {
        field: 'series',
        type: 'nominal',
        title: 'series',
        scale: { domain: colorDomain },
        ...(opts.legend === false ? { legend: null } : {}),
      },
      detail: { field: 'layer', type: 'nominal' },
      opacity: {
        field: 'layer',
        type: 'ordinal',
        scale: { domain: ['faint', 'main'], range: [0.25, 1] },
        legend: null,
      },
    },
  };
  const size = { title: opts.title, width: opts.width ?? 480, height: opts.height ?? 260 };
  const events = (opts.events ?? []).filter((e) => Number.isFinite(e.step));
  if (events.length === 0) return { ...size, ...line } as TopLevelSpec;
  const rules = {
    data: { values: events.map((e) => ({ x: e.step, kind: e.kind })) },
    mark: { type: 'rule', strokeWidth: 1 },
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      color: { value: '#c0392b' },
      // a value, not a scale: the line layer's opacity scale must not be shared
      opacity: { condition: { test: "datum.kind === 'checkpoint'", value: 0.15 }, value: 0.8 },
      tooltip: [{ field: 'kind' }, { field: 'x', title: 'step' }],
    },
  };
  return { ...size, layer: [line, rules] } as unknown as TopLevelSpec;
}

/**
 * Vega numbers clip paths etc. with a process-wide counter (clip1, clip2, ...); renumber the ids per
 * SVG so the same plot always gives the same bytes.
 */
export function renumberSvgIds(svg: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  const map = new Map(ids.map((id, i) => [id, `v${i + 1}`]));
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (all, pre: string, id: string) =>
    map.has(id) ? `${pre}${map.get(id)}` : all,
  );
}

/** Compile a vega-lite spec and render it to an SVG string without a canvas. */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return renumberSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** One line plot as an SVG string: one path per series, axis titles xLabel / yLabel. */
export async function linePlot(opts: LinePlotOptions): Promise<string> {
  return renderVegaLite({ background: 'white', ...linePanelSpec(opts) });
}

/** Several line plots in a grid with one shared colour legend, as one SVG string. */
export async function panelPlot(opts: PanelPlotOptions): Promise<string> {
  if (opts.panels.length === 0) throw new Error('panelPlot: no panels to draw');
  const domain = seriesNames(opts.panels.flatMap((p) => p.series));
  // Panels are unit specs without top-level-only keys, so they are valid concat members.
  const spec = {
    background: 'white',
    ...(opts.title ? { title: opts.title } : {}),
    columns: opts.columns ?? 2,
    concat: opts.panels.map((p) => linePanelSpec(p, domain)),
  } as unknown as TopLevelSpec;
  return renderVegaLite(spec);
}
