/**
 * Opens a report in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser
 * download) and reports whether every image rendered. Used by tests and by anyone who wants to
 * check a report on a machine without a display.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine without network or display. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RenderCheck {
  /** Every <img>: loaded (complete with a natural width) or not, with its alt text. */
  images: Array<{ alt: string; loaded: boolean; naturalWidth: number }>;
  /** Text of each table header row. */
  tableHeaders: string[][];
  /** Console errors and failed requests. */
  errors: string[];
}

/** Loads `htmlPath` and inspects it; throws with the install command if Chromium is missing. */
export async function checkReportRenders(htmlPath: string): Promise<RenderCheck> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const state = await page.evaluate(() => ({
      images: Array.from(document.images).map((i) => ({ alt: i.alt, loaded: i.complete && i.naturalWidth > 0, naturalWidth: i.naturalWidth })),
      tableHeaders: Array.from(document.querySelectorAll('table')).map((t) => Array.from(t.querySelectorAll('tr:first-child th, thead th')).map((c) => c.textContent ?? '')),
    }));
    return { ...state, errors };
  } finally {
    await browser.close();
  }
}
