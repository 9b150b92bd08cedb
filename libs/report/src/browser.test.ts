/**
 * Opens generated reports in headless Chromium (the npm-shipped one, driven by playwright-core)
 * and checks that plots and sample grids actually render. Fails, never skips, without the browser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { writeComparisonReport } from './comparison-report.js';
import { writeRunReport } from './run-report.js';
import { writeFakeRun, type FakeRun } from './testing/fake-run.js';

interface ImageState {
  kind: string;
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  shownWidth: number;
  hidden: boolean;
}

interface PageState {
  images: ImageState[];
  svgBoxes: { width: number; height: number }[];
  requests: string[];
  errors: string[];
  dialogs: string[];
  scriptCount: number;
  configText: string;
}

let root: string;
let browser: Browser;
let fake: FakeRun;
let runHtml: string;
let cmpHtml: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-browser-'));
  fake = await writeFakeRun(join(root, 'runs', 'gan', 'a'), { config: { note: '<script>alert(1)</script>' } });
  const other = await writeFakeRun(join(root, 'runs', 'gan', 'b'), { offset: 0.3 });
  runHtml = (await writeRunReport(fake.dir, { onWarning: () => undefined })).htmlPath;
  cmpHtml = (await writeComparisonReport([fake.dir, other.dir], join(root, 'cmp'))).htmlPath;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Load a page from disk and read the state of its images and inline SVGs. */
async function openReport(path: string): Promise<PageState> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url().slice(0, 40)));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    const state = await page.evaluate(() => ({
      images: Array.from(document.images).map((img) => ({
        kind: img.dataset['kind'] ?? '',
        complete: img.complete,
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        shownWidth: img.getBoundingClientRect().width,
        hidden: img.closest('[hidden]') !== null,
      })),
      svgBoxes: Array.from(document.querySelectorAll('svg')).map((s) => ({ width: s.getBBox().width, height: s.getBBox().height })),
      scriptCount: document.scripts.length,
      configText: document.querySelector('table.config')?.textContent ?? '',
    }));
    return { ...state, requests, errors, dialogs };
  } finally {
    await page.close();
  }
}

function expectAllRendered(state: PageState): void {
  expect(state.errors).toEqual([]);
  // Self-contained: the page itself is the only file loaded; everything else is a data: URI.
  expect(state.requests.filter((u) => !u.startsWith('data:'))).toHaveLength(1);
  for (const img of state.images) {
    expect(img.complete, `${img.kind} image did not load`).toBe(true);
    expect(img.naturalWidth).toBeGreaterThan(0);
    expect(img.naturalHeight).toBeGreaterThan(0);
    // slider frames not on show take no space; the one on show does
    if (img.hidden) expect(img.shownWidth).toBe(0);
    else expect(img.shownWidth).toBeGreaterThan(0);
  }
  for (const box of state.svgBoxes) expect(box.width * box.height).toBeGreaterThan(0);
}

describe('reports in a browser', () => {
  it('basic: the run report renders its plots and every sample grid, the latest on show', async () => {
    const state = await openReport(runHtml);
    expectAllRendered(state);
    expect(state.images.filter((i) => i.kind === 'plot')).toHaveLength(4);
    const samples = state.images.filter((i) => i.kind === 'sample');
    // Samples every 200 steps of 1000: all 6 in the slider; each grid is the fixture's 56 x 56 PNG.
    expect(samples).toHaveLength(6);
    expect(samples.map((s) => s.hidden)).toEqual([true, true, true, true, true, false]);
    for (const s of samples) expect([s.naturalWidth, s.naturalHeight]).toEqual([fake.grid.width, fake.grid.height]);
  });

  it('the step slider changes the grid on show and says which step it is', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(pathToFileURL(runHtml).href, { waitUntil: 'load' });
      // what a person sees: the frames that take up room on the page
      const shown = () => page.evaluate(() => Array.from(document.querySelectorAll('section.slider figure.frame')).filter((f) => f.getBoundingClientRect().height > 0).map((f) => (f as HTMLElement).dataset['step']));
      expect(await shown()).toEqual(['1000']);
      await page.locator('section.slider input[type=range]').fill('2');
      expect(await shown()).toEqual(['400']);
      expect(await page.locator('section.slider output').textContent()).toBe('generator: step 400 (3 of 6)');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a <script> config value as text and runs only its own slider script', async () => {
    const state = await openReport(runHtml);
    expect(state.configText).toContain('"<script>alert(1)</script>"');
    expect(state.scriptCount).toBe(1);
    expect(state.dialogs).toEqual([]);
  });

  it('the comparison report renders its summary plot and a slider of grids per run, the latest on show', async () => {
    const state = await openReport(cmpHtml);
    expectAllRendered(state);
    expect(state.images.filter((i) => i.kind === 'plot')).toHaveLength(1);
    expect(state.images.filter((i) => i.kind === 'sample' && !i.hidden)).toHaveLength(2);
  });
});
