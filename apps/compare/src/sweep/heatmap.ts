/**
 * The sweep's heatmap: one row per family/recipe, one column per learning rate, colour = fraction
 * of seeds that converged (0 to 1), each cell labelled "k/n". Built as a vega-lite spec (pure, so
 * tests can read it) and rendered through @stablegen/report.
 */
import { renderVegaLite } from '@stablegen/report';
import { type Cell, rowLabel } from './summary.js';

type TopLevelSpec = Parameters<typeof renderVegaLite>[0];

export interface HeatDatum {
  row: string;
  lr: string;
  lrValue: number;
  fraction: number;
  label: string;
}

/** One datum per cell; learning rates as text so the axis is ordinal, sorted by value. */
export function heatmapData(cells: readonly Cell[]): HeatDatum[] {
  return cells.map((c) => ({ row: rowLabel(c), lr: String(c.lr), lrValue: c.lr, fraction: c.fraction, label: `${c.converged}/${c.runs}` }));
}

export function heatmapSpec(cells: readonly Cell[], title: string): TopLevelSpec {
  return heatmapSpecOf(heatmapData(cells), title);
}

/** The spec from ready data (the study labels its cells with intervals and its columns with multipliers). */
export function heatmapSpecOf(values: HeatDatum[], title: string, xTitle = 'learning rate (both players)'): TopLevelSpec {
  const lrOrder = [...new Set([...values].sort((a, b) => a.lrValue - b.lrValue).map((d) => d.lr))];
  const rowOrder = [...new Set(values.map((d) => d.row))];
  const x = { field: 'lr', type: 'ordinal' as const, title: xTitle, sort: lrOrder, axis: { labelAngle: 0 } };
  const y = { field: 'row', type: 'nominal' as const, title: null, sort: rowOrder, axis: { labelLimit: 320 } };
  return {
    background: 'white',
    title,
    data: { values },
    width: 90 * lrOrder.length,
    height: 44 * rowOrder.length,
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: { x, y, color: { field: 'fraction', type: 'quantitative', title: 'converged', scale: { domain: [0, 1], scheme: 'viridis' } } },
      },
      {
        mark: { type: 'text', fontSize: values.some((d) => d.label.includes('\n')) ? 11 : 14, fontWeight: 'bold', lineBreak: '\n' },
        encoding: {
          x,
          y,
          text: { field: 'label', type: 'nominal' },
          color: { condition: { test: 'datum.fraction > 0.6', value: 'black' }, value: 'white' },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** The heatmap as an SVG string. */
export function heatmapSvg(cells: readonly Cell[], title: string): Promise<string> {
  if (cells.length === 0) throw new Error('heatmapSvg: no cells to draw');
  return renderVegaLite(heatmapSpec(cells, title));
}
