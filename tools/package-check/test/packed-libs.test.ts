/**
 * Every library as a user gets it: `npm pack` of each of the 22 libs (built alone by the test
 * target's dependencies), `npm install` of the tarballs into a fresh project outside the
 * workspace (external packages come from the registry or npm's cache, never from the workspace),
 * then a script that imports each by name and prints figures compared here with closed forms.
 * A second fresh project installs @stablegen/gradient-penalty alone and differentiates its penalty
 * through a LeakyReLU critic, which needs the gradient fixes it registers itself.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const LIBS = fs.readdirSync(path.join(root, 'libs')).filter((d) => fs.existsSync(path.join(root, 'libs', d, 'package.json'))).sort();
const TFJS = ['@tensorflow/tfjs-core@4.22.0', '@tensorflow/tfjs-layers@4.22.0', '@tensorflow/tfjs-backend-cpu@4.22.0'];

const run = (cmd: string, args: string[], cwd: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 400_000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
  );
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd);
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

const packs = fs.mkdtempSync(path.join(os.tmpdir(), 'stablegen-packs-'));
const tarballs: Record<string, string> = {};

/** A fresh project holding `deps` and the example script `script`. */
async function project(deps: string[], script: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stablegen-user-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user', version: '1.0.0', type: 'module', private: true }));
  const r = await npm(['install', ...deps], dir);
  expect(r.code, r.stderr).toBe(0);
  fs.copyFileSync(path.join(here, '..', 'example', script), path.join(dir, script));
  return dir;
}

beforeAll(async () => {
  for (const lib of LIBS) {
    expect(fs.existsSync(path.join(root, 'libs', lib, 'dist', 'index.js')), `${lib} is built`).toBe(true);
    const r = await npm(['pack', '--pack-destination', packs, '--json'], path.join(root, 'libs', lib));
    expect(r.code, r.stderr).toBe(0);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    expect(info.files.map((f) => f.path)).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', ...(lib === 'backend' ? ['wasm-out/gemm-relaxed-simd.wasm', 'wasm-out/gemm-simd.wasm'] : [])]));
    tarballs[lib] = path.join(packs, info.filename);
  }
}, 200_000);

test('all 22 packed libs install into a fresh project and pass a closed-form check each', async () => {
  expect(LIBS).toHaveLength(22);
  const dir = await project([...Object.values(tarballs), ...TFJS, '@tensorflow/tfjs-backend-wasm@4.22.0'], 'consumer.mjs');
  expect(fs.realpathSync(path.join(dir, 'node_modules', '@stablegen', 'critics'))).toContain(path.join(dir, 'node_modules')); // installed, not linked
  const out = await run(process.execPath, ['consumer.mjs'], dir);
  expect(out.code, out.stderr).toBe(0);
  const r = lastJson(out.stdout);
  expect(r.backend).toBe('wasm'); // @stablegen/backend
  expect(r.backendLine).toMatch(/^backend: wasm, 1 thread, our (relaxed-)?simd GEMM /); // its wasm-out/ ships in the package
  expect(r.wasmBackpropFilter).toBe(1); // its training kernel is registered
  expect(r.sameStream).toBe(1); // @stablegen/random: a restored state continues the stream
  expect(r.fixes).toBeGreaterThan(10); // @stablegen/gradient-fixes
  expect(r.adamFused).toBe(1); // @stablegen/optimizers: its update kernel on wasm (registered by @stablegen/backend)
  // one Adam step from zero moments: x - lr g / (|g| + eps), here x - 0.1 sign(g)
  (r.adamStep as number[]).forEach((v, i) => expect(v).toBeCloseTo([0.5 - 0.1, -0.2 + 0.1][i], 5)); // float32 constants: ~1e-6
  expect(r.penalty).toBeCloseTo(10 * ((r.normW as number) - 1) ** 2, 4); // @stablegen/gradient-penalty: lambda (|w| - 1)^2
  expect(r.loss).toBeCloseTo(2 * Math.log(2), 5); // @stablegen/losses: D = 0 on real and fake
  expect(r.sigma).toBeCloseTo(3, 4); // @stablegen/spectral-norm: largest singular value of diag(3, 1)
  expect(r.flatness).toBeCloseTo(2e-3, 6); // @stablegen/schedules: warm-up 0 -> 1e-3 then cosine to 0 varies by 2 x base
  expect(r.eps10).toBeCloseTo(5 / (5 + Math.exp(10 / 5)), 6); // @stablegen/teacher-forcing: k / (k + exp(i / k))
  expect(r.widths).toEqual([64, 32]); // @stablegen/layers: dcganWidths(28)
  expect(r.equalizedScale).toBeCloseTo(Math.sqrt(2 / 8), 7); // He's constant sqrt(gain / fanIn)
  expect([r.generatorShape, r.criticShape, r.criticFinite]).toEqual(['8x2', '8x1', 1]); // generators, critics
  expect(r.covError).toBeLessThan(1e-3); // @stablegen/whitening: ZCA output covariance is the identity
  expect(r.sharpness).toBeCloseTo(3, 3); // @stablegen/stability: top Hessian eigenvalue of 0.5 x^T diag(3, 1) x
  expect(r.final).toEqual({ loss: 1, acc: 0.5 }); // @stablegen/run-files
  expect(r.folder).toBe('/a/b'); // @stablegen/data
  expect(r.mnist).toEqual([2000, 28, 28, 1]); // the held-out split, from the `mnist` package the tarball depends on
  expect(r.fd).toBeGreaterThan(9.6); // @stablegen/metrics: (0 - 3)^2 + (1 - 2)^2 = 10, from 20,000 samples each
  expect(r.fd).toBeLessThan(10.4);
  expect(r.config).toEqual([7, 3]); // @stablegen/trainer: both flag spellings
  expect(r.errorLine).toBe('error: bad thing — do this');
  expect(r.escaped).toBe('&lt;a href=&quot;x&quot;&gt;'); // @stablegen/report
  expect(r.ema).toEqual([2, 2, 2]);
  expect(r.pngSignature).toBe('PNG');
  expect(r.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]); // @stablegen/gan-training: classes in turn
  const c = 0xe3069283; // CRC-32C of '123456789', masked as TensorFlow does: rotr 15 + 0xa282ead8
  expect(r.tbMask).toBe((((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0); // @stablegen/tensorboard
  // @stablegen/launcher: 5 seeds 1..5 have mean 3, sd sqrt(2.5), 95% half-width t(0.975, 4) sd / sqrt 5 with t = 2.776445
  const seeds = r.seeds as { n: number; mean: number; std: number; ci95: number };
  expect([seeds.n, seeds.mean]).toEqual([5, 3]);
  expect(seeds.std).toBeCloseTo(Math.sqrt(2.5), 10);
  expect(seeds.ci95).toBeCloseTo((2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 5);
  // Wilson's interval for 5 of 10, published as 0.2366 - 0.7634
  (r.wilson as number[]).forEach((v, i) => expect(v).toBeCloseTo([0.2366, 0.7634][i], 4));
}, 400_000);

test('@stablegen/gradient-penalty alone differentiates its penalty through a LeakyReLU critic', async () => {
  const dir = await project([tarballs['gradient-penalty'], tarballs['gradient-fixes'], ...TFJS], 'penalty-alone.mjs');
  expect(fs.readdirSync(path.join(dir, 'node_modules', '@stablegen')).sort()).toEqual(['gradient-fixes', 'gradient-penalty']);
  const out = await run(process.execPath, ['penalty-alone.mjs'], dir);
  expect(out.code, out.stderr).toBe(0);
  const { penalty, grad, w } = lastJson(out.stdout) as { penalty: number; grad: number[]; w: number[] };
  // Every interpolate has x.w > 0, so grad_x D = w: penalty = lambda (|w| - 1)^2, d/dw = 2 lambda (|w| - 1) w / |w|.
  const norm = Math.hypot(...w);
  expect(penalty).toBeCloseTo(10 * (norm - 1) ** 2, 5);
  grad.forEach((g, i) => expect(g).toBeCloseTo((20 * (norm - 1) * w[i]) / norm, 4));
}, 400_000);
