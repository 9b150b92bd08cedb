/** The curve figures of a report: one per metric group for a run, one per metric for a comparison. */
import { emaPoints } from './ema.js';
import { classifyMetric, groupMetrics, type MetricGroup } from './groups.js';
import { panelPlot, type LineSeries, type LinePlotOptions } from './line-plot.js';
import { metricKeys, metricPoints, type MetricRow, type Point } from './series.js';

/** A rendered figure. `id` is safe as a file name. */
export interface Figure {
  id: string;
  title: string;
  svg: string;
}

export interface CurveOptions {
  /** EMA weight for the overlay on losses; 0 turns smoothing off. Default 0.9. */
  smoothing?: number;
  /** Group of a metric key; default classifyMetric. */
  classify?: (key: string) => MetricGroup;
}

/** Fewer points than this are drawn raw: an EMA over a handful of points only lags. */
const MIN_POINTS_TO_SMOOTH = 10;

/** Raw curve, plus (for noisy losses) the raw curve drawn faint under its EMA. */
export function curveSeries(name: string, points: readonly Point[], smoothing: number): LineSeries[] {
  const finite = points.filter((p) => Number.isFinite(p.y));
  if (smoothing <= 0 || finite.length < MIN_POINTS_TO_SMOOTH) return [{ name, points: finite }];
  return [
    { name, points: finite, faint: true },
    { name, points: emaPoints(finite, smoothing) },
  ];
}

/** Log y when every value is positive and they span more than two decades (e.g. a falling FD). */
export function wantsLogY(series: readonly LineSeries[]): boolean {
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  if (ys.length === 0 || ys.some((y) => y <= 0)) return false;
  return Math.max(...ys) / Math.min(...ys) > 100;
}

function panel(title: string, yLabel: string, series: LineSeries[], legend = true): LinePlotOptions {
  return { title, xLabel: 'step', yLabel, series, logY: wantsLogY(series), width: 360, height: 200, legend };
}

/**
 * One figure per metric group of a run: losses overlaid in one panel (faint raw + EMA) with a legend,
 * every other metric in its own panel titled by the metric (no legend needed).
 */
export async function runFigures(rows: readonly MetricRow[], options: CurveOptions = {}): Promise<Figure[]> {
  const smoothing = options.smoothing ?? 0.9;
  const figures: Figure[] = [];
  for (const g of groupMetrics(metricKeys(rows), options.classify)) {
    const panels =
      g.group === 'losses'
        ? [panel(g.title, 'loss', g.keys.flatMap((k) => curveSeries(k, metricPoints(rows, k), smoothing)))]
        : g.keys.map((k) => panel(k, k, curveSeries(k, metricPoints(rows, k), 0), false));
    const title = panels.length > 1 ? g.title : undefined; // a single panel already carries it
    figures.push({ id: g.group, title: g.title, svg: await panelPlot({ title, panels }) });
  }
  return figures;
}

/** A run's rows under a display label. */
export interface LabelledRows {
  label: string;
  rows: readonly MetricRow[];
}

/** Metric keys of several runs: union, in group order, then first-seen order. */
export function unionMetricKeys(runs: readonly LabelledRows[], classify = classifyMetric): string[] {
  const keys = [...new Set(runs.flatMap((r) => metricKeys(r.rows)))];
  return groupMetrics(keys, classify).flatMap((g) => g.keys);
}

/** One panel per metric, one series (colour) per run; losses smoothed as in a run report. */
export async function comparisonFigure(runs: readonly LabelledRows[], options: CurveOptions = {}): Promise<Figure> {
  const smoothing = options.smoothing ?? 0.9;
  const classify = options.classify ?? classifyMetric;
  const panels = unionMetricKeys(runs, classify).map((key) => {
    const w = classify(key) === 'losses' ? smoothing : 0;
    return panel(key, key, runs.flatMap((r) => curveSeries(r.label, metricPoints(r.rows, key), w)));
  });
  if (panels.length === 0) throw new Error('comparison: none of the runs has logged metrics');
  return { id: 'summary', title: 'Curves per metric', svg: await panelPlot({ panels, columns: 3 }) };
}
