import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wganGpSchema } from './config.js';
import { datasetPreset, withDatasetPreset } from './presets.js';

describe('withDatasetPreset', () => {
  const ring = datasetPreset('ring8')!;

  it('basic: --dataset ring8 (either spelling) starts from configs/ring8.json', () => {
    expect(ring).toMatch(/configs[/\\]ring8\.json$/);
    expect(withDatasetPreset(['--dataset', 'ring8', '--seed', '3'])).toEqual(['--config', ring, '--dataset', 'ring8', '--seed', '3']);
    expect(withDatasetPreset(['--steps=5', '--dataset=grid25'])).toEqual(['--config', datasetPreset('grid25'), '--steps=5', '--dataset=grid25']);
  });

  it('leaves argv alone for MNIST, folders, an explicit --config and --resume', () => {
    for (const argv of [
      [],
      ['--dataset', 'mnist'],
      ['--dataset=folder:/tmp/x'],
      ['--dataset', 'ring8', '--config', 'mine.json'],
      ['--dataset=ring8', '--config=mine.json'],
      ['--resume', 'runs/wgan-gp/x', '--dataset', 'ring8'],
    ]) {
      expect(withDatasetPreset(argv)).toEqual(argv);
    }
    expect(datasetPreset('../configs/ring8')).toBeUndefined();
  });

  it('every shipped preset is a valid wgan-gp config for its own dataset', () => {
    for (const name of ['ring8', 'grid25']) {
      const { family, ...values } = JSON.parse(fs.readFileSync(datasetPreset(name)!, 'utf8'));
      expect(family).toBe('wgan-gp');
      expect(wganGpSchema.strict().parse(values).dataset).toBe(name);
      expect(values.evalSamples).toBe(2500); // the PacGAN protocol
    }
  });
});
