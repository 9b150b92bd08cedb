/** report.html + plots/*.png of one run directory. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@stablegen/run-files';
import { runFigures, type CurveOptions, type Figure } from './figures.js';
import { formatDuration, formatValue, flattenConfig } from './format.js';
import { classifyMetric } from './groups.js';
import { dataUri, htmlFigure, htmlHeading, htmlPage, htmlParagraph, htmlTable, type Cell } from './html.js';
import { svgToPng } from './png.js';
import { readRun, type ReadRunOptions, type RunData } from './run-dir.js';
import { selectSamples, sampleHtml } from './samples.js';
import { lastValue, metricKeys, runTiming } from './series.js';

export interface RunReportOptions extends CurveOptions, ReadRunOptions {
  /** Earlier sample steps shown besides the latest. Default 3. */
  earlierSamples?: number;
  /** Scale of plots/*.png relative to the SVG size. Default 2. */
  pngScale?: number;
}

export interface RunReportResult {
  htmlPath: string;
  plotPaths: string[];
  /** Size of report.html in bytes. */
  htmlBytes: number;
}

/** Read a run directory and write its report.html (self-contained) and plots/<group>.png, atomically. */
export async function writeRunReport(runDir: string, options: RunReportOptions = {}): Promise<RunReportResult> {
  const run = await readRun(runDir, options);
  const figures = await runFigures(run.metrics, options);
  const plotDir = join(run.dir, 'plots');
  await mkdir(plotDir, { recursive: true });
  const plotPaths: string[] = [];
  for (const f of figures) {
    const path = join(plotDir, `${f.id}.png`);
    writeFileAtomic(path, await svgToPng(f.svg, { scale: options.pngScale ?? 2 }));
    plotPaths.push(path);
  }
  const samples = await Promise.all(selectSamples(run.samples, options.earlierSamples ?? 3).map((s) => sampleHtml(s)));
  const html = runReportHtml(run, figures, samples);
  const htmlPath = join(run.dir, 'report.html');
  writeFileAtomic(htmlPath, html);
  return { htmlPath, plotPaths, htmlBytes: Buffer.byteLength(html) };
}

/** Final value and step of every metric, in logging order. */
export function finalMetricRows(run: RunData): Cell[][] {
  return metricKeys(run.metrics).map((k) => {
    const last = lastValue(run.metrics, k);
    return [k, classifyMetric(k), { num: String(last?.step ?? '—') }, { num: formatValue(last?.value) }];
  });
}

/** The report page of a run from already rendered figures and sample blocks (HTML). */
export function runReportHtml(run: RunData, figures: readonly Figure[], sampleBlocks: readonly string[]): string {
  const t = runTiming(run.metrics);
  const parts = [
    htmlHeading(1, `Run ${run.name}`),
    htmlParagraph(
      `${run.dir} · last step ${t.lastStep ?? '—'} · wall time ${formatDuration(t.wallSeconds)} · ` +
        `${formatValue(t.stepsPerSecond)} steps/s`,
      'meta',
    ),
    ...run.warnings.map((w) => htmlParagraph(`warning: ${w}`, 'warning')),
    htmlHeading(2, 'Final metrics'),
    htmlTable(['metric', 'group', 'step', 'value'], finalMetricRows(run), 'final-metrics'),
    htmlHeading(2, 'Curves'),
    figures.length > 0
      ? figures.map((f) => htmlFigure(dataUri(Buffer.from(f.svg), 'image/svg+xml'), f.title, 'plot')).join('\n')
      : htmlParagraph('No metrics logged yet.'),
    htmlHeading(2, 'Samples'),
    sampleBlocks.length > 0 ? sampleBlocks.join('\n') : htmlParagraph('No samples written yet.'),
    ...eventsSection(run),
    htmlHeading(2, 'Config'),
    htmlTable(['key', 'value'], flattenConfig(run.config), 'config'),
  ];
  return htmlPage(`Run ${run.name}`, parts.join('\n'));
}

/** The last 50 events (events.jsonl), newest last, as JSON text. */
function eventsSection(run: RunData): string[] {
  if (run.events.length === 0) return [];
  const rows = run.events.slice(-50).map((e) => [JSON.stringify(e)]);
  return [htmlHeading(2, `Events (${run.events.length})`), htmlTable(['event'], rows, 'events')];
}
