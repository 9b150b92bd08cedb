import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.js';

describe('parseBenchArgs', () => {
  it('basic: own flags in every spelling, the rest forwarded in order', () => {
    const a = parseBenchArgs(['--dataset=ring8', '--seeds', '3', '--firstSeed=7', '--jobs', '2', '--steps', '50', '--report-dir', 'out', '--batch-size=64']);
    expect(a).toMatchObject({ dataset: 'ring8', seeds: 3, firstSeed: 7, jobs: 2, reportDir: 'out', forward: ['--steps', '50', '--batch-size=64'] });
    expect(a.runsDir).toMatch(/^runs\/wgan-gp-bench\/ring8-\d{8}T\d{6}$/);
  });

  it('defaults: 10 seeds for a mixture, 5 for images, reports in benchmarks/', () => {
    expect(parseBenchArgs(['--dataset', 'grid25'])).toMatchObject({ seeds: 10, firstSeed: 1, jobs: 1, reportDir: 'benchmarks', forward: [] });
    expect(parseBenchArgs([])).toMatchObject({ dataset: 'mnist', seeds: 5 });
    expect(parseBenchArgs(['--runs', 'r/x']).runsDir).toBe('r/x');
  });

  it('--help (any spelling) asks for the usage and is not forwarded', () => {
    expect(parseBenchArgs(['--dataset', 'ring8', '--help'])).toMatchObject({ help: true, dataset: 'ring8', forward: [] });
    expect(parseBenchArgs(['-h']).help).toBe(true);
    expect(parseBenchArgs(['--help=true']).help).toBe(true);
    expect(parseBenchArgs(['--dataset', 'ring8']).help).toBe(false);
  });

  it('throws when a value is missing or bad, or a flag belongs to the bench', () => {
    expect(() => parseBenchArgs(['--seeds'])).toThrow(/--seeds needs a value/);
    expect(() => parseBenchArgs(['--seeds', '0'])).toThrow(/--seeds must be an integer >= 1, got '0'/);
    expect(() => parseBenchArgs(['--jobs', '0'])).toThrow(/--jobs must be an integer >= 1, got '0'/);
    expect(() => parseBenchArgs(['--seed', '3'])).toThrow(/--seed is set by the bench/);
    expect(() => parseBenchArgs(['--out=x'])).toThrow(/--out is set by the bench/);
  });
});
