import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBench } from './bench-report.js';
import { readRunFigures, type SeedResult } from './run-seed.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgan-bench-'));

describe('readRunFigures', () => {
  it('basic: last evaluation, last training line, steps/s from the trainer clock', () => {
    const dir = path.join(tmp, 'run');
    fs.mkdirSync(dir);
    const rows = [
      { step: 10, time: 2, 'loss/d': 1, gp: 0.5 },
      { step: 10, time: 2, modes: 3, hq_share: 0.1, reverse_kl: 1 },
      { step: 20, time: 5, 'loss/d': -1, gp: 0.25 },
      { step: 20, time: 5, modes: 8, hq_share: 0.6, reverse_kl: 0.01 },
    ];
    fs.writeFileSync(path.join(dir, 'metrics.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    // 20 steps in 5 training seconds = 4 steps/s.
    expect(readRunFigures(dir)).toEqual({ modes: 8, hq_share: 0.6, reverse_kl: 0.01, 'loss/d': -1, gp: 0.25, steps: 20, train_s: 5, steps_per_s: 4 });
  });
});

describe('writeBench', () => {
  it('writes the summary over finished runs and a markdown table per seed', () => {
    const runs: SeedResult[] = [
      { seed: 1, runDir: 'a', exitCode: 0, metrics: { modes: 8, hq_share: 0.5, wall_s: 60 } },
      { seed: 2, runDir: 'b', exitCode: 0, metrics: { modes: 6, hq_share: 0.7, wall_s: 80 } },
      { seed: 3, runDir: 'c', exitCode: 2, error: 'error: boom', metrics: { wall_s: 1 } },
    ];
    const environment = { command: 'npx nx run wgan-gp:bench --dataset ring8', date: 'today', node: 'v20', cpus: '2 x cpu', load: [1, 2] as [number, number] };
    const out = writeBench(tmp, { dataset: 'ring8', environment, config: { steps: 10 }, runs });
    expect(out.summary.modes).toMatchObject({ n: 2, mean: 7 });
    expect(out.summary.wall_s.mean).toBe(70); // the failed run is left out
    const json = JSON.parse(fs.readFileSync(out.json, 'utf8'));
    expect(json.runs).toHaveLength(3);
    const md = fs.readFileSync(out.md, 'utf8');
    expect(md).toContain('| hq_share | 60.0% | 14.1% | 50.0% | 70.0% | 2 |'); // std of 0.5, 0.7 = 0.1414
    expect(md).toContain('| 3 | – | – | 1 | failed (2): error: boom |'); // its wall time is still shown
    expect(md).toContain('| PacGAN2 (best modes) | 7.9 | 95.6% | 0.07 |');
    expect(path.basename(out.md)).toBe('wgan-gp-ring8.md');
  });
});
