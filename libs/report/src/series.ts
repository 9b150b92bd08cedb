/** Turning metrics.jsonl rows into plottable series and summary numbers. */

/** One point of a curve: x is the training step. */
export interface Point {
  x: number;
  y: number;
}

/** One parsed metrics.jsonl line; `step` is required, every other key is optional. */
export interface MetricRow {
  step: number;
  [key: string]: unknown;
}

/** Keys that are axes, not metrics. `time` is seconds since the start of the run. */
export const AXIS_KEYS: readonly string[] = ['step', 'time'];

/**
 * The numeric value of a logged field: numbers as they are; `null` (what JSON.stringify writes for
 * NaN) and the strings "NaN" / "Infinity" / "-Infinity" as the non-finite number; anything else
 * (strings, booleans, objects) is not a metric value and gives undefined.
 */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === null || v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}

/** Metric keys in first-seen order: every key except the axes with at least one numeric value. */
export function metricKeys(rows: readonly MetricRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (!AXIS_KEYS.includes(k) && numericValue(v) !== undefined) keys.add(k);
    }
  }
  return [...keys];
}

/** Points (step, value) of one metric over the rows that logged it; non-finite values are kept. */
export function metricPoints(rows: readonly MetricRow[], key: string): Point[] {
  const out: Point[] = [];
  for (const row of rows) {
    const y = numericValue(row[key]);
    if (y !== undefined) out.push({ x: row.step, y });
  }
  return out;
}

/** The last logged value of a metric and its step (the value may be NaN if that is what was logged). */
export function lastValue(rows: readonly MetricRow[], key: string): { step: number; value: number } | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const y = numericValue(rows[i][key]);
    if (y !== undefined) return { step: rows[i].step, value: y };
  }
  return undefined;
}

/** Progress figures of a run from its rows. */
export interface RunTiming {
  lastStep: number | undefined;
  /** Elapsed seconds at the last row with a `time` value. */
  wallSeconds: number | undefined;
  /** (last step - first step) / (last time - first time) over rows with `time`; excludes start-up. */
  stepsPerSecond: number | undefined;
}

/** Steps, wall time and throughput from the `step` and `time` columns. */
export function runTiming(rows: readonly MetricRow[]): RunTiming {
  const lastStep = rows.length > 0 ? rows[rows.length - 1].step : undefined;
  const timed = rows.filter((r) => typeof r['time'] === 'number' && Number.isFinite(r['time']));
  if (timed.length === 0) return { lastStep, wallSeconds: undefined, stepsPerSecond: undefined };
  const first = timed[0];
  const last = timed[timed.length - 1];
  const t0 = first['time'] as number;
  const t1 = last['time'] as number;
  const stepsPerSecond =
    timed.length >= 2 && t1 > t0
      ? (last.step - first.step) / (t1 - t0)
      : t1 > 0
        ? last.step / t1
        : undefined;
  return { lastStep, wallSeconds: t1, stepsPerSecond };
}

/**
 * Keep at most about `maxPoints` points by taking every k-th one (k = ceil(n / maxPoints)) and
 * always the last one, so long runs do not produce multi-megabyte SVGs.
 */
export function decimate(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return [...points];
  const stride = Math.ceil(points.length / maxPoints);
  const out = points.filter((_, i) => i % stride === 0);
  if ((points.length - 1) % stride !== 0) out.push(points[points.length - 1]);
  return out;
}
