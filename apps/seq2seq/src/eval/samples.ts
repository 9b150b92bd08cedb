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

/** One line per pair: input | greedy | beam | target, with ok / XX marks. */
export function samplesText(m: Seq2SeqModel, pairs: DatePair[], beamWidth: number): string {
  const greedy = translate(m, pairs.map((p) => p.input));
  const beam = beamWidth > 1 ? translate(m, pairs.map((p) => p.input), beamWidth) : greedy;
  const mark = (a: string, b: string) => (a === b ? 'ok' : 'XX');
  const width = Math.max(...pairs.map((p) => [...p.input].length));
  const header = `input${' '.repeat(Math.max(1, width - 4))} | greedy | beam(${beamWidth}) | target`;
  const lines = pairs.map((p, i) => `${p.input.padEnd(width)} | ${greedy[i]} ${mark(greedy[i], p.target)} | ${beam[i]} ${mark(beam[i], p.target)} | ${p.target}`);
  return [header, ...lines].join('\n') + '\n';
}
