/**
 * @stablegen/run-files: the run directory's files, owned in one place: their layout, atomic
 * writes (temp file, fsync, rename), and reading / writing metrics.jsonl and events.jsonl.
 */
export { writeFileAtomic, writeDirAtomic } from './atomic-write.js';
export { parseJsonl, type JsonlResult } from './jsonl.js';
export { runPaths, type RunPaths } from './run-layout.js';
export {
  appendJsonl,
  readJsonlFile,
  appendMetrics,
  readMetrics,
  finalMetrics,
  truncateMetricsAfter,
  appendEvent,
  readEvents,
  metricRowProblem,
  type MetricRow,
} from './run-records.js';
