/**
 * report.html + plots/*.png of one run directory. At the top what a person looks for first: the
 * headline quality numbers, the latest samples with a step slider over every grid, and the loss
 * curves; then quality curves, one stability figure per monitored model (per-layer gradient norms
 * overlaid, sharpness against its limit), the events (also marked on every curve), the run's
 * environment and its resolved config.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@stablegen/run-files';
import { isPerLayer, runFigures, type CurveOptions, type Figure } from './figures.js';
import { flattenConfig, formatDuration, formatValue } from './format.js';
import { classifyMetric } from './groups.js';
import { dataUri, htmlCards, htmlDetails, htmlFigure, htmlHeading, htmlPage, htmlParagraph, htmlTable, type Cell } from './html.js';
import type { PlotEvent } from './line-plot.js';
import { svgToPng } from './png.js';
import { readRun, type ReadRunOptions, type RunData } from './run-dir.js';
import { SLIDER_SCRIPT, sampleSliders } from './sample-slider.js';
import { lastValue, metricKeys, runTiming } from './series.js';

export interface RunReportOptions extends CurveOptions, ReadRunOptions {
  /** Scale of plots/*.png relative to the SVG size. Default 2. */
  pngScale?: number;
}

export interface RunReportResult {
  htmlPath: string;
  plotPaths: string[];
  /** Size of report.html in bytes. */
  htmlBytes: number;
}

/** The run's events that are drawn on its curves (any with a numeric step). */
export function plotEvents(run: Pick<RunData, 'events'>): PlotEvent[] {
  return run.events.filter((e) => typeof e.step === 'number').map((e) => ({ step: e.step as number, kind: String(e.kind ?? 'event') }));
}

/** Read a run directory and write its report.html (self-contained) and plots/<figure>.png, atomically. */
export async function writeRunReport(runDir: string, options: RunReportOptions = {}): Promise<RunReportResult> {
  const run = await readRun(runDir, options);
  const figures = await runFigures(run.metrics, { ...options, events: plotEvents(run) });
  const plotDir = join(run.dir, 'plots');
  await mkdir(plotDir, { recursive: true });
  const plotPaths: string[] = [];
  for (const f of figures) {
    const path = join(plotDir, `${f.id}.png`);
    writeFileAtomic(path, await svgToPng(f.svg, { scale: options.pngScale ?? 2 }));
    plotPaths.push(path);
  }
  const html = runReportHtml(run, figures, await sampleSliders(run.samples));
  const htmlPath = join(run.dir, 'report.html');
  writeFileAtomic(htmlPath, html);
  return { htmlPath, plotPaths, htmlBytes: Buffer.byteLength(html) };
}

/** Headline cards: the last value of every quality metric, then steps, wall time and speed. */
export function headlineCards(run: RunData): [string, string][] {
  const t = runTiming(run.metrics);
  const quality = metricKeys(run.metrics).filter((k) => classifyMetric(k) === 'quality' && !k.startsWith('stab/'));
  return [
    ...quality.map((k): [string, string] => [`${k} (step ${lastValue(run.metrics, k)?.step ?? '—'})`, formatValue(lastValue(run.metrics, k)?.value)]),
    ['steps', String(t.lastStep ?? '—')],
    ['training time', formatDuration(t.wallSeconds)],
    ['steps / s', formatValue(t.stepsPerSecond === undefined ? undefined : Number(t.stepsPerSecond.toPrecision(3)))],
  ];
}

/** Final value and step of every metric but the per-layer diagnostics (those are in the stability figures). */
export function finalMetricRows(run: RunData): Cell[][] {
  return metricKeys(run.metrics)
    .filter((k) => !isPerLayer(k))
    .map((k) => {
      const last = lastValue(run.metrics, k);
      return [k, classifyMetric(k), { num: String(last?.step ?? '—') }, { num: formatValue(last?.value) }];
    });
}

const figureHtml = (f: Figure) => htmlFigure(dataUri(Buffer.from(f.svg), 'image/svg+xml'), f.title, 'plot');

/** The environment the run ran in (config.json's `environment`), and the config without it. */
function splitConfig(config: Record<string, unknown>): { environment?: Record<string, unknown>; rest: Record<string, unknown> } {
  const { environment, ...rest } = config;
  return { environment: environment && typeof environment === 'object' ? (environment as Record<string, unknown>) : undefined, rest };
}

/** The report page of a run from already rendered figures and sample blocks (HTML). */
export function runReportHtml(run: RunData, figures: readonly Figure[], sampleBlocks: readonly string[]): string {
  const { environment, rest } = splitConfig(run.config);
  const byId = (pred: (id: string) => boolean) => figures.filter((f) => pred(f.id));
  const losses = byId((id) => id === 'losses');
  const events = run.events.filter((e) => e.kind !== 'checkpoint');
  const parts = [
    htmlHeading(1, `Run ${run.name}`),
    htmlParagraph(`${String(rest.family ?? '')} · ${run.dir}${environment ? ` · ${String(environment.backend)} backend` : ''}`, 'meta'),
    ...run.warnings.map((w) => htmlParagraph(`warning: ${w}`, 'warning')),
    htmlCards(headlineCards(run)),
    htmlHeading(2, 'Samples'),
    sampleBlocks.length > 0 ? sampleBlocks.join('\n') : htmlParagraph('No samples written yet.'),
    htmlHeading(2, 'Losses'),
    losses.length > 0 ? losses.map(figureHtml).join('\n') : htmlParagraph('No losses logged yet.'),
    ...section('Quality', byId((id) => id === 'quality')),
    ...section('Stability diagnostics', byId((id) => id.startsWith('stability'))),
    ...section('Other logged values', byId((id) => id === 'other')),
    htmlHeading(2, 'Final metrics'),
    htmlTable(['metric', 'group', 'step', 'value'], finalMetricRows(run), 'final-metrics'),
    htmlHeading(2, `Events (${events.length}; checkpoints are the faint rules on the curves)`),
    events.length > 0 ? htmlTable(['step', 'kind', 'details'], events.slice(-50).map((e) => [{ num: String(e.step ?? '—') }, String(e.kind ?? ''), JSON.stringify({ ...e, step: undefined, kind: undefined })]), 'events') : htmlParagraph('No rollbacks, stops or overrides.'),
    htmlHeading(2, 'Environment'),
    environment ? htmlTable(['key', 'value'], flattenConfig(environment), 'environment') : htmlParagraph('Not recorded (a run written before environments were).'),
    htmlHeading(2, 'Config'),
    htmlDetails('the resolved config, defaults filled in', htmlTable(['key', 'value'], flattenConfig(rest), 'config')),
  ];
  return htmlPage(`Run ${run.name}`, parts.join('\n'), SLIDER_SCRIPT);
}

function section(title: string, figures: readonly Figure[]): string[] {
  return figures.length > 0 ? [htmlHeading(2, title), figures.map(figureHtml).join('\n')] : [];
}
