import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPresetFile, withDatasetPresetIn } from './dataset-preset.js';

describe('withDatasetPresetIn', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-'));
  fs.writeFileSync(path.join(dir, 'ring8.json'), '{}');
  const ring = path.join(dir, 'ring8.json');

  it('basic: --dataset ring8 (either spelling) starts from <dir>/ring8.json', () => {
    expect(datasetPresetFile(dir, 'ring8')).toBe(ring);
    expect(withDatasetPresetIn(dir, ['--dataset', 'ring8', '--seed', '3'])).toEqual(['--config', ring, '--dataset', 'ring8', '--seed', '3']);
    expect(withDatasetPresetIn(dir, ['--steps=5', '--dataset=ring8'])).toEqual(['--config', ring, '--steps=5', '--dataset=ring8']);
  });

  it('leaves argv alone without a preset file, with an explicit --config and with --resume', () => {
    for (const argv of [[], ['--dataset', 'mnist'], ['--dataset=folder:/tmp/x'], ['--dataset', 'ring8', '--config', 'mine.json'], ['--dataset=ring8', '--config=mine.json'], ['--resume', 'runs/x', '--dataset', 'ring8']]) {
      expect(withDatasetPresetIn(dir, argv)).toEqual(argv);
    }
    expect(datasetPresetFile(dir, '../ring8')).toBeUndefined();
  });
});
