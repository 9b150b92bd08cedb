/** Reading a run directory: runs/<family>/<name>/{config.json, metrics.jsonl, samples/, events.jsonl}. */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { metricRowProblem, readJsonlFile, runPaths } from '@stablegen/run-files';
import type { MetricRow } from './series.js';

/** A sample written at a step: `samples/step-000100.png` (image grid) or `step-000100.txt` (text). */
export interface SampleFile {
  step: number;
  path: string;
  kind: 'image' | 'text';
  /** File name without the `step-NNNNNN` prefix and extension, e.g. '-ema' for step-000100-ema.png. */
  label: string;
}

/** Everything a report needs from a run directory. */
export interface RunData {
  /** Absolute path of the run directory. */
  dir: string;
  /** '<family>/<name>', the last two parts of the path. */
  name: string;
  config: Record<string, unknown>;
  metrics: MetricRow[];
  /** Sorted by step, then file name. */
  samples: SampleFile[];
  events: Record<string, unknown>[];
  /** Problems that did not stop the reading (truncated last lines, missing metrics). */
  warnings: string[];
}

/** A path that is missing, not a directory, or not a run directory. */
export class RunDirError extends Error {
  override name = 'RunDirError';
}

export interface ReadRunOptions {
  /** Called for each warning; default console.warn. */
  onWarning?: (message: string) => void;
}

const SAMPLE_FILE = /^step-(\d+)(.*)\.(png|txt)$/;

/** Parse a run directory; throws RunDirError with the cause and what to do when it is not one. */
export async function readRun(dir: string, options: ReadRunOptions = {}): Promise<RunData> {
  const abs = resolve(dir);
  await checkRunDir(abs);
  const warnings: string[] = [];
  const files = runPaths(abs);
  const config = await readConfig(files.config);
  const metrics = readRows(files.metrics, warnings, metricRowProblem);
  if (metrics === undefined) warnings.push(`${files.metrics}: no metrics logged yet`);
  const events = readRows(files.events, warnings, validateObject);
  const samples = await listSamples(files.samples);
  const onWarning = options.onWarning ?? ((m: string) => console.warn(m));
  warnings.forEach((w) => onWarning(w));
  return {
    dir: abs,
    name: `${basename(dirname(abs))}/${basename(abs)}`,
    config,
    metrics: (metrics ?? []) as MetricRow[],
    samples,
    events: (events ?? []) as Record<string, unknown>[],
    warnings,
  };
}

async function checkRunDir(abs: string): Promise<void> {
  const info = await stat(abs).catch(() => undefined);
  if (info === undefined) {
    throw new RunDirError(`run directory not found: ${abs} (runs are written to runs/<family>/<name>/; check the path)`);
  }
  if (!info.isDirectory()) throw new RunDirError(`not a run directory: ${abs} is a file, not a directory`);
  const hasConfig = await stat(join(abs, 'config.json')).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!hasConfig) {
    throw new RunDirError(
      `not a run directory: ${abs} has no config.json (a run directory holds config.json and metrics.jsonl)`,
    );
  }
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new RunDirError(`${path}: invalid JSON (${(err as Error).message}); the run's config is corrupt`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RunDirError(`${path}: expected a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Rows of a JSONL file, or undefined when it does not exist; the truncated-last-line warning goes to `warnings`. */
function readRows(path: string, warnings: string[], validate: (row: unknown) => string | undefined): unknown[] | undefined {
  if (!existsSync(path)) return undefined;
  const result = readJsonlFile(path, validate);
  warnings.push(...result.warnings);
  return result.rows;
}

function validateObject(row: unknown): string | undefined {
  return row !== null && typeof row === 'object' && !Array.isArray(row) ? undefined : 'expected a JSON object';
}


async function listSamples(dir: string): Promise<SampleFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const samples: SampleFile[] = [];
  for (const name of names.sort()) {
    const m = SAMPLE_FILE.exec(name);
    if (m === null) continue;
    samples.push({ step: Number(m[1]), path: join(dir, name), kind: m[3] === 'png' ? 'image' : 'text', label: m[2] });
  }
  return samples.sort((a, b) => a.step - b.step);
}
