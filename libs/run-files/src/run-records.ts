/**
 * Reading and writing a run's record streams: metrics.jsonl ({ step, time, ...numbers } per logged
 * step) and events.jsonl (one object per event). Readers tolerate a last line cut by a kill.
 */
import * as fs from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';
import { parseJsonl } from './jsonl.js';
import { runPaths } from './run-layout.js';

export type MetricRow = Record<string, number> & { step: number };

/** Appends one JSON line to `file`. */
export function appendJsonl(file: string, record: object): void {
  fs.appendFileSync(file, JSON.stringify(record) + '\n');
}

/** Rows of a JSONL file (none when it does not exist); a truncated last line is dropped and reported. */
export function readJsonlFile(file: string, validate?: (row: unknown) => string | undefined): { rows: unknown[]; warnings: string[] } {
  if (!fs.existsSync(file)) return { rows: [], warnings: [] };
  return parseJsonl(fs.readFileSync(file, 'utf8'), file, validate);
}

export const isObject = (row: unknown): row is Record<string, unknown> => row !== null && typeof row === 'object' && !Array.isArray(row);

/** Why `row` is not a metrics line, or undefined when it is one. */
export function metricRowProblem(row: unknown): string | undefined {
  if (!isObject(row)) return 'expected a JSON object';
  return typeof row['step'] === 'number' && Number.isFinite(row['step']) ? undefined : 'expected a numeric "step"';
}

export function appendMetrics(root: string, record: MetricRow): void {
  appendJsonl(runPaths(root).metrics, record);
}

/** Every metrics line of the run at `root`, in order. */
export function readMetrics(root: string): MetricRow[] {
  return readJsonlFile(runPaths(root).metrics, metricRowProblem).rows as MetricRow[];
}

/** The last logged value of every metric (step and time excluded). */
export function finalMetrics(root: string): Record<string, number> {
  const final: Record<string, number> = {};
  for (const row of readMetrics(root)) for (const [k, v] of Object.entries(row)) if (k !== 'step' && k !== 'time') final[k] = v;
  return final;
}

/** Drops metric lines after `step` (and a line cut by a kill), so the file matches a restored checkpoint. */
export function truncateMetricsAfter(root: string, step: number): void {
  const file = runPaths(root).metrics;
  if (!fs.existsSync(file)) return;
  const kept = readJsonlFile(file, metricRowProblem).rows.filter((row) => (row as MetricRow).step <= step);
  writeFileAtomic(file, kept.map((row) => JSON.stringify(row) + '\n').join(''));
}

export function appendEvent(root: string, event: Record<string, unknown>): void {
  appendJsonl(runPaths(root).events, event);
}

export function readEvents(root: string): Record<string, unknown>[] {
  return readJsonlFile(runPaths(root).events, (row) => (isObject(row) ? undefined : 'expected a JSON object')).rows as Record<string, unknown>[];
}
