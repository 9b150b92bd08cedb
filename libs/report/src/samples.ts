/** Choosing and embedding sample grids / text samples. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { escapeHtml } from './escape.js';
import { dataUri, htmlFigure } from './html.js';
import type { SampleFile } from './run-dir.js';

/** Text samples longer than this are cut in the report. */
const MAX_TEXT_CHARS = 4000;

/**
 * The samples of the latest step plus those of up to `earlier` earlier steps spread evenly over the
 * run (the first logged step included), ordered by step.
 */
export function selectSamples(samples: readonly SampleFile[], earlier = 3): SampleFile[] {
  const steps = [...new Set(samples.map((s) => s.step))].sort((a, b) => a - b);
  if (steps.length === 0) return [];
  const before = steps.slice(0, -1);
  const picked = new Set<number>([steps[steps.length - 1]]);
  const k = Math.min(earlier, before.length);
  for (let i = 0; i < k; i++) {
    picked.add(before[k === 1 ? before.length - 1 : Math.round((i * (before.length - 1)) / (k - 1))]);
  }
  return samples.filter((s) => picked.has(s.step));
}

/** The latest sample of a run (the last file of its highest step), if any. */
export function latestSample(samples: readonly SampleFile[]): SampleFile | undefined {
  return samples.length > 0 ? samples[samples.length - 1] : undefined;
}

/** A sample as an HTML <figure>: a PNG as a data-URI <img>, text in a <pre>. */
export async function sampleHtml(sample: SampleFile, caption = `step ${sample.step}${sample.label}`): Promise<string> {
  const bytes = await readFile(sample.path);
  if (sample.kind === 'image') return htmlFigure(dataUri(bytes, 'image/png'), caption, 'sample');
  let text = bytes.toString('utf8');
  if (text.length > MAX_TEXT_CHARS) text = `${text.slice(0, MAX_TEXT_CHARS)}\n… (cut; see ${basename(sample.path)})`;
  return `<figure><pre data-kind="sample">${escapeHtml(text)}</pre><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
