/**
 * Every sample of a run in a slider: one block per sample series (the raw generator, its EMA,
 * ...), the latest step shown and a range input that steps through all the others. The page
 * stays self-contained (every grid a data: URI) and its one script is the constant SLIDER_SCRIPT,
 * never anything from the run.
 */
import { readFile } from 'node:fs/promises';
import { escapeHtml } from './escape.js';
import { dataUri } from './html.js';
import type { SampleFile } from './run-dir.js';

/** Text samples longer than this are cut in the report. */
const MAX_TEXT_CHARS = 4000;

/** The series a sample belongs to: its label without a resolution part ('-8x8'), so a progressive run's grids form one series. */
export const sampleSeries = (s: Pick<SampleFile, 'label'>): string => s.label.replace(/-\d+x\d+/, '');

/** Samples grouped by series, each by step. */
export function groupSamples(samples: readonly SampleFile[]): { series: string; frames: SampleFile[] }[] {
  const groups = new Map<string, SampleFile[]>();
  for (const s of samples) groups.set(sampleSeries(s), [...(groups.get(sampleSeries(s)) ?? []), s]);
  return [...groups].map(([series, frames]) => ({ series, frames: [...frames].sort((a, b) => a.step - b.step) }));
}

async function frameHtml(s: SampleFile, shown: boolean): Promise<string> {
  const bytes = await readFile(s.path);
  const caption = `step ${s.step}${s.label}`;
  const body =
    s.kind === 'image'
      ? `<img class="sample" data-kind="sample" src="${dataUri(bytes, 'image/png')}" alt="${escapeHtml(caption)}">`
      : `<pre data-kind="sample">${escapeHtml(bytes.toString('utf8').slice(0, MAX_TEXT_CHARS))}</pre>`;
  return `<figure class="frame" data-step="${s.step}"${shown ? '' : ' hidden'}>${body}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** One slider block per series; `title` names the series ('' = the generator). */
export async function sampleSliders(samples: readonly SampleFile[], title = (series: string) => (series === '' ? 'generator' : series.replace(/^-/, ''))): Promise<string[]> {
  return Promise.all(
    groupSamples(samples).map(async ({ series, frames }) => {
      const last = frames.length - 1;
      const figures = await Promise.all(frames.map((f, i) => frameHtml(f, i === last)));
      const label = `${title(series)}: step ${frames[last].step} (${frames.length} grids)`;
      return (
        `<section class="slider" data-series="${escapeHtml(series)}">` +
        `<div class="slider-bar"><strong>${escapeHtml(title(series))}</strong> ` +
        `<input type="range" min="0" max="${last}" value="${last}" step="1" aria-label="${escapeHtml(`step of the ${title(series)} samples`)}"> ` +
        `<output>${escapeHtml(label)}</output></div>${figures.join('')}</section>`
      );
    }),
  );
}

/** The page's only script: a range input shows the frame at its value and says which step that is. */
export const SLIDER_SCRIPT = `
for (const block of document.querySelectorAll('section.slider')) {
  const input = block.querySelector('input[type=range]');
  const output = block.querySelector('output');
  const frames = [...block.querySelectorAll('figure.frame')];
  const name = block.querySelector('strong').textContent;
  input.addEventListener('input', () => {
    const k = Number(input.value);
    frames.forEach((f, i) => (f.hidden = i !== k));
    output.textContent = name + ': step ' + frames[k].dataset.step + ' (' + (k + 1) + ' of ' + frames.length + ')';
  });
}
`;
