import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun, RunDirError } from './run-dir.js';
import { writeFakeRun } from './testing/fake-run.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-rundir-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readRun', () => {
  it('basic: config, every metrics row, samples sorted by step, name from the path', async () => {
    const fake = await writeFakeRun(join(root, 'runs', 'gan', 'basic'), { steps: 200, sampleEvery: 50 });
    const run = await readRun(fake.dir, { onWarning: () => undefined });
    expect(run.name).toBe('gan/basic');
    expect(run.config).toMatchObject({ family: 'gan', seed: 7, model: { zDim: 64, layers: [256, 512] }, environment: { backend: 'wasm' } });
    // The rows are what the fixture wrote: 0..200 by 10 = 21 rows.
    expect(run.metrics).toEqual(fake.rows);
    expect(run.metrics).toHaveLength(21);
    expect(run.samples.map((s) => s.step)).toEqual([0, 50, 100, 150, 200]);
    expect(run.samples.every((s) => s.kind === 'image' && s.label === '')).toBe(true);
    expect(run.warnings).toEqual([]);
  });

  it('skips a truncated last metrics line with a warning', async () => {
    const fake = await writeFakeRun(join(root, 'runs', 'gan', 'killed'), { steps: 100, truncateLastLine: true });
    const warnings: string[] = [];
    const run = await readRun(fake.dir, { onWarning: (w) => warnings.push(w) });
    // 0..100 by 10 = 11 complete rows; the 12th line was cut.
    expect(run.metrics).toEqual(fake.rows);
    expect(run.metrics).toHaveLength(11);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/metrics\.jsonl:12: skipped a truncated last line/);
    expect(run.warnings).toEqual(warnings);
  });

  it('text samples and events are read', async () => {
    const fake = await writeFakeRun(join(root, 'runs', 'seq2seq', 'text'), { steps: 100, samples: 'text', sampleEvery: 100 });
    await writeFile(join(fake.dir, 'events.jsonl'), '{"step":50,"event":"rollback"}\n');
    const run = await readRun(fake.dir);
    expect(run.samples.map((s) => [s.step, s.kind])).toEqual([
      [0, 'text'],
      [100, 'text'],
    ]);
    expect(run.events).toEqual([{ step: 50, event: 'rollback' }]);
  });

  it('a run without metrics.jsonl reads with a warning', async () => {
    const dir = join(root, 'runs', 'gan', 'fresh');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{"seed":1}');
    const run = await readRun(dir, { onWarning: () => undefined });
    expect(run.metrics).toEqual([]);
    expect(run.samples).toEqual([]);
    expect(run.warnings[0]).toMatch(/no metrics logged yet/);
  });

  it('throws when the directory is missing', async () => {
    const missing = join(root, 'nope');
    await expect(readRun(missing)).rejects.toThrow(RunDirError);
    await expect(readRun(missing)).rejects.toThrow(`run directory not found: ${missing}`);
  });

  it('throws when the path is a file or has no config.json', async () => {
    const file = join(root, 'file.txt');
    await writeFile(file, 'x');
    await expect(readRun(file)).rejects.toThrow(/is a file, not a directory/);
    const empty = join(root, 'empty');
    await mkdir(empty);
    await expect(readRun(empty)).rejects.toThrow(/not a run directory: .* has no config\.json/);
  });

  it('throws when config.json is corrupt or a metrics line before the last is', async () => {
    const dir = join(root, 'runs', 'gan', 'corrupt');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{"seed":');
    await expect(readRun(dir)).rejects.toThrow(/config\.json: invalid JSON/);
    await writeFile(join(dir, 'config.json'), '{"seed":1}');
    await writeFile(join(dir, 'metrics.jsonl'), '{"step":0}\n{"loss":1}\n{"step":2}\n');
    await expect(readRun(dir)).rejects.toThrow(/metrics\.jsonl:2: expected a numeric "step"/);
  });
});
