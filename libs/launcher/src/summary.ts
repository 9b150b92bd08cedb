/**
 * The one summary writer of every bench and sweep: per group (a bench's arm or cell), the mean,
 * 95% interval (Student's t) and number of runs of each chosen metric, wall and training time and
 * steps/s; then every run. Markdown and JSON side by side (`<base>.md`, `<base>.json`).
 */
import * as os from 'node:os';
import { writeFileAtomic } from '@stablegen/run-files';
import type { RunRecord } from './run-job.js';
import { summarise, type Summary } from './stats.js';

export interface Column {
  /** Metric key in the run's final metrics, or 'trainSeconds' / 'wallSeconds' / 'stepsPerSecond'. */
  key: string;
  label: string;
  /** Multiply before printing (100 for a percentage). */
  scale?: number;
  digits?: number;
}

export interface SummaryInput {
  title: string;
  /** The command that made it. */
  command: string;
  notes?: readonly string[];
  records: readonly RunRecord[];
  /** Group order (default: first-seen order of the records' groups). */
  groups?: readonly string[];
  columns: readonly Column[];
  /** How many runs the bench asks for in all (when only part of it is done). */
  planned?: number;
}

const TIMING: Column[] = [
  { key: 'trainSeconds', label: 'train s / run', digits: 0 },
  { key: 'stepsPerSecond', label: 'steps/s', digits: 2 },
];

const valueOf = (r: RunRecord, key: string): number => (key === 'trainSeconds' || key === 'wallSeconds' || key === 'stepsPerSecond' ? r[key] : (r.final[key] ?? Number.NaN));

function cell(s: Summary, c: Column): string {
  const k = c.scale ?? 1;
  const d = c.digits ?? 3;
  if (s.n === 0) return '-';
  return s.n > 1 ? `${(k * s.mean).toFixed(d)} ± ${(k * s.ci95).toFixed(d)}` : (k * s.mean).toFixed(d);
}

export function summaryTables(input: SummaryInput): { md: string; json: Record<string, unknown> } {
  const groups = input.groups ?? [...new Set(input.records.map((r) => r.group ?? ''))];
  const cols = [...input.columns, ...TIMING];
  const table = groups.map((g) => {
    const rs = input.records.filter((r) => (r.group ?? '') === g && r.status === 'done');
    return { group: g, runs: rs.length, failed: input.records.filter((r) => (r.group ?? '') === g && r.status !== 'done').length, stats: Object.fromEntries(cols.map((c) => [c.key, summarise(rs.map((r) => valueOf(r, c.key)))])) };
  });
  const done = input.records.filter((r) => r.status === 'done').length;
  const md = [
    `# ${input.title}`,
    '',
    `\`${input.command}\` · ${new Date().toISOString()} · Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'cpu'} · load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    `Runs: ${done} done, ${input.records.length - done} failed${input.planned !== undefined ? ` of ${input.planned} planned` : ''}. Cells: mean ± 95% interval of the mean (Student's t over the seeds; a single run shows its value).`,
    ...(input.notes ?? []).map((n) => `\n${n}`),
    '',
    `| group | runs | ${cols.map((c) => c.label).join(' | ')} |`,
    `| --- | ---: |${' ---: |'.repeat(cols.length)}`,
    ...table.map((t) => `| ${t.group || '(all)'} | ${t.runs}${t.failed ? ` (+${t.failed} failed)` : ''} | ${cols.map((c) => cell(t.stats[c.key], c)).join(' | ')} |`),
    '',
    '| group | seed | status | ' + input.columns.map((c) => c.label).join(' | ') + ' | train s | sessions | run id |',
    '| --- | ---: | --- |' + ' ---: |'.repeat(input.columns.length) + ' ---: | ---: | --- |',
    ...input.records.map((r) => `| ${r.group ?? ''} | ${r.seed} | ${r.status}${r.error ? `: ${r.error.replace(/\|/g, '/')}` : ''} | ${input.columns.map((c) => (Number.isFinite(valueOf(r, c.key)) ? (valueOf(r, c.key) * (c.scale ?? 1)).toFixed(c.digits ?? 3) : '-')).join(' | ')} | ${r.trainSeconds.toFixed(0)} | ${r.sessions} | ${r.id} |`),
    '',
  ].join('\n');
  return { md, json: { title: input.title, command: input.command, date: new Date().toISOString(), planned: input.planned, groups: table, runs: input.records } };
}

/** Writes `<base>.md` and `<base>.json`; returns their paths. */
export function writeSummary(base: string, input: SummaryInput): string[] {
  const { md, json } = summaryTables(input);
  writeFileAtomic(`${base}.md`, md);
  writeFileAtomic(`${base}.json`, JSON.stringify(json, null, 2) + '\n');
  return [`${base}.md`, `${base}.json`];
}
