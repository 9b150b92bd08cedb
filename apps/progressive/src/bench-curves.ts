/**
 * The progressive bench's curves: FD-MNIST and confident share of every run against real images
 * seen and against training seconds, one thin line per run and, against images, each arm's mean
 * over its seeds as a thick line. Read from the runs' metrics.jsonl in the launcher's store; the
 * bench keeps every point in benchmarks/<name>-curves.json (committed), so a run reused from the
 * results file, whose directory is on another machine, keeps its curve.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '@stablegen/launcher';
import { renderVegaLite } from '@stablegen/report';
import { readMetrics, runPaths } from '@stablegen/run-files';

export interface CurvePoint {
  /** the run's id */
  id: string;
  arm: string;
  run: string;
  images: number;
  seconds: number;
  fd_mnist: number;
  confident_share: number;
}

/** The evaluation rows of every done run whose directory is in `store`. */
export function curvePoints(records: readonly RunRecord[], store: string): CurvePoint[] {
  return records.filter((r) => r.status === 'done' && fs.existsSync(runPaths(path.join(store, r.id)).metrics)).flatMap((r) => {
    const batch = Number(r.config.batchSize);
    return readMetrics(path.join(store, r.id))
      .filter((m) => Number.isFinite(m.fd_mnist))
      .map((m) => ({ id: r.id, arm: r.group ?? r.family, run: `${r.group} seed ${r.seed}`, images: m.step * batch, seconds: m.time ?? Number.NaN, fd_mnist: m.fd_mnist, confident_share: m.confident_share }));
  });
}

/**
 * The points of every done run in `records`: from its directory in `store` where that is here,
 * else the ones `kept` holds for its id (an earlier sitting's curves file).
 */
export function keptCurvePoints(records: readonly RunRecord[], store: string, kept: readonly CurvePoint[]): CurvePoint[] {
  const fresh = curvePoints(records, store);
  const here = new Set(fresh.map((p) => p.id));
  const wanted = new Set(records.filter((r) => r.status === 'done').map((r) => r.id));
  return [...fresh, ...kept.filter((p) => wanted.has(p.id) && !here.has(p.id))];
}

/** The points of a curves file, [] when there is none yet. */
export function readCurvePoints(file: string): CurvePoint[] {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CurvePoint[]) : [];
}

type Spec = Parameters<typeof renderVegaLite>[0];

/** Two rows of panels (FD-MNIST, confident share) by two columns (images, seconds). */
export function curvesSpec(points: readonly CurvePoint[], title: string): Spec {
  const panel = (y: 'fd_mnist' | 'confident_share', x: 'images' | 'seconds') => ({
    width: 320,
    height: 200,
    layer: [
      { mark: { type: 'line', strokeWidth: 1, opacity: 0.45 }, encoding: { x: { field: x, type: 'quantitative', title: x === 'images' ? 'real images seen' : 'training seconds' }, y: { field: y, type: 'quantitative', title: y === 'fd_mnist' ? 'FD-MNIST (lower is better)' : 'confident share', scale: y === 'fd_mnist' ? { type: 'log' } : {} }, color: { field: 'arm', type: 'nominal' }, detail: { field: 'run' } } },
      ...(x === 'images' ? [{ mark: { type: 'line', strokeWidth: 3 }, encoding: { x: { field: x, type: 'quantitative' }, y: { field: y, aggregate: 'mean', type: 'quantitative' }, color: { field: 'arm', type: 'nominal' } } }] : []),
    ],
  });
  return {
    background: 'white',
    title,
    data: { values: points },
    vconcat: (['fd_mnist', 'confident_share'] as const).map((y) => ({ hconcat: (['images', 'seconds'] as const).map((x) => panel(y, x)) })),
  } as unknown as Spec;
}

export async function curvesSvg(points: readonly CurvePoint[], title: string): Promise<string> {
  if (points.length === 0) throw new Error('curvesSvg: no evaluated runs in the store');
  return renderVegaLite(curvesSpec(points, title));
}
