/**
 * Text samples: for fixed validation pairs, the input, the greedy and beam predictions and the
 * target, one pair per line, so progress is readable over the run.
 */
import type { DatePair } from '@stablegen/data';
import { translate, type Seq2SeqModel } from '../model/seq2seq-model.js';

/** `count` pairs spread evenly over `pairs` (fixed for a run). */
export function samplePairs(pairs: DatePair[], count: number): DatePair[] {
  const n = Math.min(count, pairs.length);
  return Array.from({ length: n }, (_, i) => pairs[Math.floor((i * pairs.length) / n)]);
}

/** One line per pair: input | greedy | beam | target, with ok / XX marks, in aligned columns. */
export function samplesText(m: Seq2SeqModel, pairs: DatePair[], beamWidth: number): string {
  const greedy = translate(m, pairs.map((p) => p.input));
  const beam = beamWidth > 1 ? translate(m, pairs.map((p) => p.input), beamWidth) : greedy;
  const mark = (a: string, b: string) => `${a} ${a === b ? 'ok' : 'XX'}`;
  const rows = [
    ['input', 'greedy', `beam(${beamWidth})`, 'target'],
    ...pairs.map((p, i) => [p.input, mark(greedy[i], p.target), mark(beam[i], p.target), p.target]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 3 ? cell + ' '.repeat(widths[c] - [...cell].length) : cell)).join(' | ');
  return rows.map(line).join('\n') + '\n';
}
