/**
 * The generator page in real Chromium, for the three image families: a tiny run of each (gan
 * class-conditional on MNIST, wgan-gp on an image folder, progressive grown 4 -> 8) exports its
 * generator; the built page (dist/, from `nx run generator-page:build`) loads it over HTTP with
 * tf.loadLayersModel, reads the contract from model.json and draws a seeded batch. The canvas
 * pixels must equal, within one grey level, the same model run in Node on the latent the page used.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import '@stablegen/layers';
import { initBackend } from '@stablegen/backend';
import { ganApp } from '@stablegen/gan-app';
import { writeTestFolders } from '@stablegen/gan-training/testing';
import { progressiveApp } from '@stablegen/progressive-app';
import { launchChromium } from '@stablegen/report';
import { fileModelLoader } from '@stablegen/trainer';
import { runAppCaptured } from '@stablegen/trainer/testing';
import { wganGpApp } from '@stablegen/wgan-gp-app';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { imageGrid } from '../src/grid.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'generator-page-'));
let server: http.Server;
let base = '';
let browser: Browser;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.bin': 'application/octet-stream' };

/** Serves dist/ at / and the runs at /runs/. */
function serve(): Promise<string> {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = url.pathname.startsWith('/runs/') ? path.join(tmp, url.pathname) : path.join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(tmp) && !file.startsWith(dist)) return void res.writeHead(403).end();
    fs.readFile(file, (err, data) => (err ? res.writeHead(404).end() : res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(data)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  expect(fs.existsSync(path.join(dist, 'index.html')), 'the page is built (nx run generator-page:build)').toBe(true);
  const f = await writeTestFolders(tmp, 16);
  const quick = ['--backend', 'wasm', '--steps', '2', '--log-every', '1', '--sample-every', '100', '--checkpoint-every', '100'];
  const runs: [string, Promise<{ code: number; stderr: string[] }>][] = [];
  runs.push(['gan', runAppCaptured(ganApp.recipe, ganApp.options, [...quick, '--batch-size', '8', '--width', '16', '--eval-samples', '20', '--sample-count', '4', '--monitor-every', '0', '--out', path.join(tmp, 'runs', 'gan')])]);
  for (const [name, r] of runs) expect((await r).code, `${name}: ${(await r).stderr.join('\n')}`).toBe(0);
  const wgan = await runAppCaptured(wganGpApp.recipe, wganGpApp.options, [...quick, '--data', f.mixed, '--image-size', '16', '--channels', '3', '--batch-size', '4', '--width', '16', '--n-critic', '1', '--sample-count', '4', '--out', path.join(tmp, 'runs', 'wgan-gp')]);
  expect(wgan.code, wgan.stderr.join('\n')).toBe(0);
  const prog = await runAppCaptured(progressiveApp.recipe, progressiveApp.options, [...quick, '--data', f.oneBad, '--skip-bad-images', '--resolution', '8', '--batch-size', '4', '--width', '8', '--latent-dim', '8', '--fade-images', '4', '--stable-images', '4', '--steps', '4', '--sample-count', '4', '--out', path.join(tmp, 'runs', 'progressive')]);
  expect(prog.code, prog.stderr.join('\n')).toBe(0);
  base = await serve();
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface PageResult {
  status: string;
  ready: string;
  contract: { family: string; latentDim: number; classes: number; outputShape: number[]; output: string; outputRange: [number, number] };
  latent: number[];
  shape: number[];
  canvas: { width: number; height: number; rgba: number[] };
  errors: string[];
}

async function openPage(family: string, n: number): Promise<PageResult> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(`${base}/?model=/runs/${family}/generator/model.json&n=${n}&seed=7`);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    const state = await page.evaluate(() => {
      const c = document.getElementById('samples') as HTMLCanvasElement;
      const s = (window as unknown as { stablegen?: Record<string, unknown> }).stablegen ?? {};
      return { ...s, status: document.getElementById('status')!.textContent ?? '', ready: document.body.dataset['ready'] ?? '', canvas: { width: c.width, height: c.height, rgba: Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data) } };
    });
    return { ...(state as Omit<PageResult, 'errors'>), errors };
  } finally {
    await page.close();
  }
}

/** The same generator run in Node on the page's latent, drawn by the same grid code. */
async function expectedGrid(family: string, r: PageResult): Promise<ReturnType<typeof imageGrid> & { spread: number }> {
  await initBackend('cpu', { log: () => {} });
  const model = await loadLayersModel(fileModelLoader(path.join(tmp, 'runs', family, 'generator')));
  const out = tf.tidy(() => model.predict(tf.tensor2d(r.latent, [r.shape[0], r.latent.length / r.shape[0]])) as tf.Tensor);
  const values = await out.data();
  const grid = imageGrid(values, out.shape, r.contract.outputRange, r.contract.classes || undefined);
  out.dispose();
  model.dispose();
  return { ...grid, spread: Math.max(...values) - Math.min(...values) };
}

describe('the generator page draws an exported generator', () => {
  test.each([
    ['gan', { family: 'gan', latentDim: 64, classes: 10, outputShape: [28, 28, 1] }],
    ['wgan-gp', { family: 'wgan-gp', latentDim: 64, classes: 0, outputShape: [16, 16, 3] }],
    ['progressive', { family: 'progressive', latentDim: 8, classes: 0, outputShape: [8, 8, 1] }],
  ])('%s: the contract from model.json, and the pixels of the same model run in Node', async (family, contract) => {
    const r = await openPage(family, 20);
    expect(r.errors).toEqual([]);
    expect(r.ready, r.status).toBe('true');
    expect(r.contract).toMatchObject({ ...contract, output: 'image', outputRange: [-1, 1] });
    expect(r.shape).toEqual([20, ...contract.outputShape]);
    const want = await expectedGrid(family, r);
    expect([r.canvas.width, r.canvas.height]).toEqual([want.width, want.height]);
    let worst = 0;
    r.canvas.rgba.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want.rgba[i]))));
    expect(worst).toBeLessThanOrEqual(1);
    expect(want.spread).toBeGreaterThan(1e-3); // the generator's output varies over pixels and samples (2 steps in: close to 0 still)
  });

  test('a model without a contract is one clear line on the page', async () => {
    const r = await openPage('missing', 4);
    expect(r.ready).toBe('error');
    expect(r.status).toMatch(/^error: /);
  });
});
