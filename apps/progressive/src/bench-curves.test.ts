import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunRecord } from '@stablegen/launcher';
import { describe, expect, it } from 'vitest';
import { curvePoints, curvesSpec, curvesSvg, keptCurvePoints } from './bench-curves.js';

/** A store holding one run directory with a metrics.jsonl of `rows`. */
function storeWith(id: string, rows: object[]): string {
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-curves-'));
  fs.mkdirSync(path.join(store, id));
  fs.writeFileSync(path.join(store, id, 'metrics.jsonl'), rows.map((r) => JSON.stringify(r) + '\n').join(''));
  return store;
}

const record = (id: string, status: RunRecord['status'] = 'done') => ({ id, family: 'progressive', group: 'identity', seed: 2, status, config: { batchSize: 16 }, final: {} }) as unknown as RunRecord;

describe('progressive bench curves', () => {
  it('one point per evaluation row: images = step x batch, seconds from the trainer clock', () => {
    const store = storeWith('p-1', [
      { step: 100, time: 5, 'loss/d': 1 },
      { step: 200, time: 9.5, fd_mnist: 210, confident_share: 0.1 },
      { step: 400, time: 20, fd_mnist: 120, confident_share: 0.3 },
    ]);
    const points = curvePoints([record('p-1'), record('p-missing'), record('p-1', 'failed')], store);
    expect(points).toEqual([
      { id: 'p-1', arm: 'identity', run: 'identity seed 2', images: 3200, seconds: 9.5, fd_mnist: 210, confident_share: 0.1 },
      { id: 'p-1', arm: 'identity', run: 'identity seed 2', images: 6400, seconds: 20, fd_mnist: 120, confident_share: 0.3 },
    ]);
  });

  it('kept points stand in for the runs whose directory is not here, and only for runs of this bench', () => {
    const store = storeWith('p-1', [{ step: 100, time: 5, fd_mnist: 200, confident_share: 0.2 }]);
    const kept = ['p-1', 'p-2', 'p-3'].map((id) => ({ id, arm: 'identity', run: id, images: 1, seconds: 1, fd_mnist: 1, confident_share: 1 }));
    const points = keptCurvePoints([record('p-1'), record('p-2'), record('p-4', 'failed')], store, kept);
    expect(points.map((p) => [p.id, p.fd_mnist])).toEqual([['p-1', 200], ['p-2', 1]]);
  });

  it('four panels (FD and confident share against images and seconds), arm means against images only; renders', async () => {
    const points = [{ id: 'a-1', arm: 'a', run: 'a seed 1', images: 1, seconds: 1, fd_mnist: 100, confident_share: 0.2 }];
    const spec = curvesSpec(points, 't') as unknown as { vconcat: Array<{ hconcat: Array<{ layer: unknown[] }> }> };
    expect(spec.vconcat.map((row) => row.hconcat.map((p) => p.layer.length))).toEqual([[2, 1], [2, 1]]);
    expect(await curvesSvg(points, 'curves')).toMatch(/FD-MNIST/);
    await expect(curvesSvg([], 't')).rejects.toThrow(/no evaluated runs/);
  });
});
