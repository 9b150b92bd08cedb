/** One page comparing several run directories, plus a PNG summary of their curves. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@stablegen/run-files';
import { comparisonFigure, unionMetricKeys, type CurveOptions, type Figure } from './figures.js';
import { flattenConfig, formatDuration, formatValue } from './format.js';
import { dataUri, htmlFigure, htmlHeading, htmlPage, htmlParagraph, htmlTable, type Cell } from './html.js';
import { svgToPng } from './png.js';
import { readRun, type ReadRunOptions, type RunData } from './run-dir.js';
import { classifyMetric } from './groups.js';
import { SLIDER_SCRIPT, sampleSliders } from './sample-slider.js';
import { lastValue, runTiming } from './series.js';

export interface ComparisonReportOptions extends CurveOptions, ReadRunOptions {
  /** Scale of summary.png relative to the SVG size. Default 2. */
  pngScale?: number;
}

export interface ComparisonReportResult {
  htmlPath: string;
  summaryPngPath: string;
  /** Column labels, one per run, in the given order. */
  labels: string[];
}

/** Labels '<family>/<name>' for the runs; repeated ones get ' (2)', ' (3)', ... */
export function runLabels(runs: readonly Pick<RunData, 'name'>[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n === 1 ? r.name : `${r.name} (${n})`;
  });
}

/** Read run directories (never re-train) and write outDir/report.html and outDir/summary.png. */
export async function writeComparisonReport(
  runDirs: readonly string[],
  outDir: string,
  options: ComparisonReportOptions = {},
): Promise<ComparisonReportResult> {
  if (runDirs.length === 0) throw new Error('writeComparisonReport: give at least one run directory');
  const runs = await Promise.all(runDirs.map((d) => readRun(d, options)));
  const labels = runLabels(runs);
  const figure = await comparisonFigure(
    runs.map((r, i) => ({ label: labels[i], rows: r.metrics })),
    options,
  );
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  const summaryPngPath = join(out, 'summary.png');
  writeFileAtomic(summaryPngPath, await svgToPng(figure.svg, { scale: options.pngScale ?? 2 }));
  const samples = await Promise.all(
    runs.map(async (r, i) => {
      const sliders = await sampleSliders(r.samples, (series) => `${labels[i]}${series === '' ? '' : ` ${series.replace(/^-/, '')}`}`);
      return sliders.length > 0 ? sliders.join('\n') : htmlParagraph(`${labels[i]}: no samples`);
    }),
  );
  const htmlPath = join(out, 'report.html');
  writeFileAtomic(htmlPath, comparisonHtml(runs, labels, figure, samples));
  return { htmlPath, summaryPngPath, labels };
}

/** Rows: steps, wall time, steps/s, then the final value of every metric; one column per run. */
export function comparisonRows(runs: readonly RunData[]): Cell[][] {
  const timings = runs.map((r) => runTiming(r.metrics));
  const keys = unionMetricKeys(runs.map((r) => ({ label: r.name, rows: r.metrics })));
  return [
    ['steps', ...timings.map((t) => ({ num: String(t.lastStep ?? '—') }))],
    ['wall time', ...timings.map((t) => ({ num: formatDuration(t.wallSeconds) }))],
    ['steps/s', ...timings.map((t) => ({ num: formatValue(t.stepsPerSecond) }))],
    ...keys.map((k) => [k, ...runs.map((r) => ({ num: formatValue(lastValue(r.metrics, k)?.value) }))]),
  ];
}

/** The headline rows: every quality metric's final value, then steps, training time and steps/s; one column per run. */
export function headlineRows(runs: readonly RunData[]): Cell[][] {
  const all = comparisonRows(runs);
  const quality = all.filter((r) => typeof r[0] === 'string' && classifyMetric(r[0]) === 'quality' && !r[0].startsWith('stab/'));
  return [...quality, ...all.slice(0, 3)];
}

/** The runs' environments side by side (config.json's `environment`). */
export function environmentRows(runs: readonly RunData[]): string[][] {
  const flat = runs.map((r) => new Map(flattenConfig((r.config.environment ?? {}) as Record<string, unknown>)));
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return keys.map((k) => [k, ...flat.map((m) => m.get(k) ?? '—')]);
}

/** Config keys whose values differ between runs (missing shown as '—'); the environment is its own table. */
export function configDifferences(runs: readonly RunData[]): string[][] {
  const flat = runs.map((r) => new Map(flattenConfig(Object.fromEntries(Object.entries(r.config).filter(([k]) => k !== 'environment')))));
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return keys
    .map((k) => [k, ...flat.map((m) => m.get(k) ?? '—')])
    .filter((row) => new Set(row.slice(1)).size > 1);
}

function comparisonHtml(runs: readonly RunData[], labels: string[], figure: Figure, samples: string[]): string {
  const diffs = configDifferences(runs);
  const warnings = runs.flatMap((r) => r.warnings).map((w) => htmlParagraph(`warning: ${w}`, 'warning'));
  const parts = [
    htmlHeading(1, `Comparison of ${runs.length} runs`),
    htmlParagraph(runs.map((r) => r.dir).join(' · '), 'meta'),
    ...warnings,
    htmlTable(['', ...labels], headlineRows(runs), 'headline'),
    htmlHeading(2, 'Samples (each slider steps through that run\'s grids)'),
    samples.join('\n'),
    htmlHeading(2, 'Curves'),
    htmlFigure(dataUri(Buffer.from(figure.svg), 'image/svg+xml'), figure.title, 'plot'),
    htmlHeading(2, 'Final metrics'),
    htmlTable(['', ...labels], comparisonRows(runs), 'comparison'),
    htmlHeading(2, 'Config differences'),
    diffs.length > 0 ? htmlTable(['key', ...labels], diffs, 'config-diff') : htmlParagraph('The configs are identical.'),
    htmlHeading(2, 'Environments'),
    htmlTable(['key', ...labels], environmentRows(runs), 'environment'),
  ];
  return htmlPage(`Comparison: ${labels.join(', ')}`, parts.join('\n'), SLIDER_SCRIPT);
}
