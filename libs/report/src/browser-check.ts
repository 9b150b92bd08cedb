/**
 * Opens a report in headless Chromium (the one `npm ci` installs, see chromium.ts; driven by
 * playwright-core) and reports whether every image rendered. Used by tests and by anyone who wants
 * to check a report on a machine without a display.
 */
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.js';

export interface RenderCheck {
  /** Every <img>: loaded (complete with a natural width) or not, with its alt text. */
  images: Array<{ alt: string; loaded: boolean; naturalWidth: number }>;
  /** Text of each table header row. */
  tableHeaders: string[][];
  /** Console errors and failed requests. */
  errors: string[];
}

/** Loads `htmlPath` and inspects it; throws naming the fix if no Chromium can be found. */
export async function checkReportRenders(htmlPath: string): Promise<RenderCheck> {
  const browser = await launchChromium();
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
