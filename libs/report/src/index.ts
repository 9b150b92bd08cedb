/** Plots of logged curves (vega-lite -> SVG -> PNG via sharp) and a self-contained report.html per run and per comparison. */
export { readRun, RunDirError, type RunData, type SampleFile, type ReadRunOptions } from './run-dir.js';
export {
  metricKeys,
  metricPoints,
  lastValue,
  runTiming,
  numericValue,
  decimate,
  AXIS_KEYS,
  type MetricRow,
  type Point,
  type RunTiming,
} from './series.js';
export { ema, emaPoints } from './ema.js';
export { classifyMetric, groupMetrics, METRIC_GROUPS, type MetricGroup } from './groups.js';
export {
  linePlot,
  panelPlot,
  renderVegaLite,
  type LineSeries,
  type LinePlotOptions,
  type PanelPlotOptions,
} from './line-plot.js';
export { scatterPlot, type ScatterPlotOptions, type ScatterSeries, type ScatterShape } from './scatter-plot.js';
export { svgToPng, svgSize, type PngOptions } from './png.js';
export { runFigures, comparisonFigure, curveSeries, type Figure, type CurveOptions } from './figures.js';
export { writeRunReport, runReportHtml, type RunReportOptions, type RunReportResult } from './run-report.js';
export {
  writeComparisonReport,
  runLabels,
  type ComparisonReportOptions,
  type ComparisonReportResult,
} from './comparison-report.js';
export { escapeHtml } from './escape.js';
export { checkReportRenders, type RenderCheck } from './browser-check.js';
export { launchChromium, chromiumExecutable, CHROMIUM_ARGS } from './chromium.js';
