/** Test fixture: a synthetic run directory (config.json, metrics.jsonl, samples/) with known values. */
import { mkdir, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export interface FakeRunOptions {
  /** Last logged step. Default 1000. */
  steps?: number;
  /** Steps between metric rows. Default 10. */
  every?: number;
  /** Steps between sample files. Default 200. */
  sampleEvery?: number;
  samples?: 'image' | 'text';
  config?: Record<string, unknown>;
  /** Append a line cut in the middle, as a killed process leaves it. */
  truncateLastLine?: boolean;
  /** Added to every loss so two fake runs differ. */
  offset?: number;
}

export interface FakeRun {
  dir: string;
  /** Rows exactly as written to metrics.jsonl (the truncated line excluded). */
  rows: Record<string, number>[];
  sampleSteps: number[];
  /** Size of each PNG grid: 2 x 2 tiles of 28 px. */
  grid: { width: number; height: number };
}

/** Four decimals, so a 6-significant-digit display of values < 100 shows them verbatim. */
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function fakeRow(step: number, offset: number): Record<string, number> {
  const row: Record<string, number> = {
    step,
    time: r4(2 + step * 0.05), // 20 steps/s after 2 s of start-up
    'loss/d': r4(0.7 + offset + 0.1 * Math.sin(step)),
    'loss/g': r4(1.2 + offset + 0.8 * Math.exp(-step / 300) + 0.1 * Math.cos(step * 1.3)),
    'grad_norm/d': r4(1 + 0.5 * Math.cos(step / 70)),
  };
  if (step % 50 === 0) row['fd_mnist'] = r4(90 * Math.exp(-step / 200) + 10 + offset);
  if (step % 100 === 0) {
    // what the stability monitor logs for one model: total and per-layer norms, sharpness and its limit, cosine
    row['stab/critic/grad_norm'] = r4(2 + Math.cos(step / 90));
    row['stab/critic/grad_norm/layer01_dense_Dense'] = r4(1.5 + Math.cos(step / 90));
    row['stab/critic/grad_norm/layer02_dense_Dense'] = r4(0.5 + 0.2 * Math.sin(step / 90));
    row['stab/critic/sharpness'] = r4(30 + step / 50);
    row['stab/critic/sharpness_limit'] = 100;
    row['stab/critic/grad_cosine'] = r4(0.5 + 0.3 * Math.sin(step / 120));
  }
  return row;
}

/** A 56 x 56 greyscale PNG grid whose shade depends on the step. */
async function gridPng(step: number): Promise<Buffer> {
  const px = Buffer.alloc(56 * 56, (step / 10) % 256);
  return sharp(px, { raw: { width: 56, height: 56, channels: 1 } }).png().toBuffer();
}

/** Write a synthetic run into `dir` (created). */
export async function writeFakeRun(dir: string, options: FakeRunOptions = {}): Promise<FakeRun> {
  const { steps = 1000, every = 10, sampleEvery = 200, offset = 0 } = options;
  await mkdir(join(dir, 'samples'), { recursive: true });
  await mkdir(join(dir, 'checkpoints'), { recursive: true });
  const environment = { backend: 'wasm', threads: 2, node: 'v20.20.2', tfjs: '4.22.0', stablegen: '0.1.0', commit: 'abc1234', cpu: 'Test CPU', cores: 2 };
  const config = { ...(options.config ?? { family: 'gan', seed: 7, model: { zDim: 64, layers: [256, 512] } }), environment };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  const events = [250, 500, 750, 1000].map((step) => ({ step, kind: 'checkpoint' }));
  events.splice(2, 0, { step: 600, kind: 'rollback', reason: 'loss/d is NaN', restoredStep: 500, lr: { optD: 1e-4 } } as never);
  await writeFile(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e) + '\n').join(''));
  const rows: Record<string, number>[] = [];
  for (let step = 0; step <= steps; step += every) rows.push(fakeRow(step, offset));
  await writeFile(join(dir, 'metrics.jsonl'), rows.map((r) => JSON.stringify(r) + '\n').join(''));
  if (options.truncateLastLine) {
    await appendFile(join(dir, 'metrics.jsonl'), JSON.stringify(fakeRow(steps + every, offset)).slice(0, 25));
  }
  const sampleSteps: number[] = [];
  for (let step = 0; step <= steps; step += sampleEvery) {
    const name = `step-${String(step).padStart(6, '0')}`;
    if (options.samples === 'text') {
      await writeFile(join(dir, 'samples', `${name}.txt`), `input: 3 1 2\noutput: 1 2 3 <eos> at ${step}\n`);
    } else {
      await writeFile(join(dir, 'samples', `${name}.png`), await gridPng(step));
    }
    sampleSteps.push(step);
  }
  return { dir, rows, sampleSteps, grid: { width: 56, height: 56 } };
}
