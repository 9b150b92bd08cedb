/** The curve figures of a report: one per metric group for a run, one per metric for a comparison. */
import { emaPoints } from './ema.js';
import { classifyMetric, groupMetrics, type MetricGroup } from './groups.js';
import { panelPlot, type LineSeries, type LinePlotOptions, type PlotEvent } from './line-plot.js';
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

/** `stab/<model>/...` keys by model, in first-seen order (the stability monitor's layout). */
export function monitoredModels(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((k) => k.startsWith('stab/')).map((k) => k.split('/')[1]))];
}

/** A layer's key 'stab/critic/grad_norm/layer02_conv2d_Conv2D' as its legend label 'layer02 conv2d'. */
const layerLabel = (key: string) => key.split('/').pop()!.replace(/_[A-Z][A-Za-z0-9]*$/, '').replace(/_/g, ' ');

/**
 * One figure per monitored model: its gradient norms (total and every layer) overlaid in one
 * panel, the sharpness with its stability limit (dashed) in another, spectral norm's sigma per
 * layer (when logged) in another, the gradient cosine in the last.
 */
async function stabilityFigure(rows: readonly MetricRow[], model: string, events: readonly PlotEvent[]): Promise<Figure> {
  const p = `stab/${model}/`;
  const keys = metricKeys(rows).filter((k) => k.startsWith(p));
  const series = (k: string, name: string, dashed = false): LineSeries => ({ name, points: metricPoints(rows, k).filter((q) => Number.isFinite(q.y)), dashed });
  const normKeys = keys.filter((k) => k === `${p}grad_norm` || k.startsWith(`${p}grad_norm/`));
  const sharpKeys = keys.filter((k) => /sharpness(_limit)?$/.test(k));
  const sigmaKeys = keys.filter((k) => k.startsWith(`${p}sigma/`));
  const norms = normKeys.map((k) => series(k, k === `${p}grad_norm` ? 'all layers' : layerLabel(k)));
  const sharp = sharpKeys.map((k) => series(k, k.endsWith('_limit') ? 'stability limit' : 'sharpness', k.endsWith('_limit')));
  // sharpness_ratio is sharpness / limit, which the dashed limit already shows
  const rest = keys.filter((k) => !normKeys.includes(k) && !sharpKeys.includes(k) && !sigmaKeys.includes(k) && !k.endsWith('sharpness_ratio'));
  const panels: LinePlotOptions[] = [];
  if (norms.length > 0) panels.push({ ...panel(`${model}: gradient norms per layer`, '||grad||', norms), logY: norms.every((s) => s.points.every((q) => q.y > 0)), events });
  if (sharp.length > 0) panels.push({ ...panel(`${model}: sharpness and its limit`, 'top eigenvalue', sharp), logY: sharp.every((s) => s.points.every((q) => q.y > 0)), events });
  if (sigmaKeys.length > 0) panels.push({ ...panel(`${model}: spectral norm sigma per layer`, 'sigma', sigmaKeys.map((k) => series(k, layerLabel(k)))), events });
  for (const k of rest) panels.push({ ...panel(`${model}: ${k.slice(p.length)}`, k.slice(p.length), [series(k, k.slice(p.length))]), events }); // legend on: one shared legend names the layers
  return { id: `stability-${model.replace(/[^a-z0-9-]/gi, '_')}`, title: `Stability: ${model}`, svg: await panelPlot({ title: `Stability diagnostics: ${model}`, panels, columns: 3 }) };
}

/**
 * The figures of a run: losses overlaid in one panel (faint raw + EMA), quality metrics one panel
 * each, one stability figure per monitored model (stabilityFigure), then the other diagnostics and
 * logged values one panel each. Events (checkpoints, rollbacks) are rules on every panel.
 */
export async function runFigures(rows: readonly MetricRow[], options: CurveOptions & { events?: readonly PlotEvent[] } = {}): Promise<Figure[]> {
  const smoothing = options.smoothing ?? 0.9;
  const events = options.events ?? [];
  const figures: Figure[] = [];
  for (const g of groupMetrics(metricKeys(rows).filter((k) => !k.startsWith('stab/')), options.classify)) {
    const panels =
      g.group === 'losses'
        ? [{ ...panel(g.title, 'loss', g.keys.flatMap((k) => curveSeries(k, metricPoints(rows, k), smoothing))), events }]
        : g.keys.map((k) => ({ ...panel(k, k, curveSeries(k, metricPoints(rows, k), 0), false), events }));
    const title = panels.length > 1 ? g.title : undefined; // a single panel already carries it
    figures.push({ id: g.group, title: g.title, svg: await panelPlot({ title, panels, columns: 3 }) });
  }
  for (const model of monitoredModels(metricKeys(rows))) figures.push(await stabilityFigure(rows, model, events));
  const order = ['losses', 'quality'];
  return figures.sort((a, b) => rank(a.id, order) - rank(b.id, order));
}

const rank = (id: string, first: readonly string[]) => (first.includes(id) ? first.indexOf(id) : id.startsWith('stability-') ? first.length : first.length + 1);

/** A per-layer diagnostic ('stab/critic/grad_norm/layer01_...'): drawn per model in a run report, left out of tables and comparisons. */
export const isPerLayer = (key: string): boolean => /^stab\/[^/]+\/(grad_norm|sigma)\/./.test(key);

/** A run's rows under a display label. */
export interface LabelledRows {
  label: string;
  rows: readonly MetricRow[];
}

/** Metric keys of several runs: union, in group order, then first-seen order. */
export function unionMetricKeys(runs: readonly LabelledRows[], classify = classifyMetric): string[] {
  const keys = [...new Set(runs.flatMap((r) => metricKeys(r.rows)))].filter((k) => !isPerLayer(k));
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
