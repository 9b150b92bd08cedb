/**
 * The date-translation task: every day from 1950-01-01 to 2049-12-31 written in human formats
 * (inputs) and as ISO 8601 or a harder target form (outputs). Dates, not pairs, are split into
 * train / val / test by a fixed seed, so every test date is unseen in training.
 */
import { createRng } from '@stablegen/random';
import { DataError, requireInt } from '../errors.js';
import type { InMemoryDataset } from '../in-memory.js';
import { civilFromDays, FIRST_DAY, LAST_DAY } from './calendar.js';
import { DATE_FORMATS, type DateFormat } from './date-formats.js';
import { type DateTarget, DATE_TARGETS, formatTarget } from './date-targets.js';
import { buildVocab, encode, type Vocab } from './vocab.js';

/** Default split seed, fixed so the split is the same everywhere. */
export const DATE_SPLIT_SEED = 1950;

export interface DatePair {
  input: string;
  target: string;
  /** Name of the input format. */
  format: string;
  /** Days since 1970-01-01. */
  day: number;
}

export interface DateTaskOptions {
  /** Target form (default 'iso'); 'iso-reversed' and 'spelled' are the harder variants. */
  target?: DateTarget;
  /** Distinct input formats per date, chosen by `seed` (default 1; at most formats.length). */
  pairsPerDate?: number;
  /** Seed of the format choice (default 0). */
  seed?: number;
  /** Seed of the split of dates (default DATE_SPLIT_SEED). */
  splitSeed?: number;
  /** Fractions of dates in train and val; test gets the rest (default [0.8, 0.1]). */
  fractions?: [number, number];
  /** Input formats (default DATE_FORMATS). */
  formats?: readonly DateFormat[];
}

export interface DateTask {
  train: DatePair[];
  val: DatePair[];
  test: DatePair[];
  inputVocab: Vocab;
  outputVocab: Vocab;
  /** Encoder length: the longest input over all splits. */
  inputLength: number;
  /** Decoder length: the longest target + 2 (START and END). */
  outputLength: number;
  /**
   * x [n, inputLength] int32 (characters, then PAD); y [n, outputLength] int32
   * (START, characters, END, PAD...). Teacher forcing feeds y[:, :-1] and predicts y[:, 1:].
   */
  toDataset(pairs: DatePair[]): InMemoryDataset;
}

/** Builds the pairs, the splits and the vocabularies. */
export function createDateTask(opts: DateTaskOptions = {}): DateTask {
  const target = opts.target ?? 'iso';
  if (!DATE_TARGETS.includes(target)) {
    throw new DataError('bad-option', `unknown date target '${target}'`, `Use one of ${DATE_TARGETS.join(', ')}.`);
  }
  const formats = opts.formats ?? DATE_FORMATS;
  const perDate = opts.pairsPerDate ?? 1;
  requireInt('pairsPerDate', perDate, 1, formats.length);
  const days = splitDays(opts.splitSeed ?? DATE_SPLIT_SEED, opts.fractions ?? [0.8, 0.1]);
  const rng = createRng(opts.seed ?? 0);
  const pairsOf = (list: number[]): DatePair[] =>
    list.flatMap((day) => {
      const d = civilFromDays(day);
      const chosen = rng.shuffle([...formats.keys()]).slice(0, perDate);
      return chosen.map((f) => ({ input: formats[f].format(d), target: formatTarget(d, target), format: formats[f].name, day }));
    });
  const [train, val, test] = days.map(pairsOf);
  const all = [...train, ...val, ...test];
  const inputVocab = buildVocab(all.map((p) => p.input));
  const outputVocab = buildVocab(all.map((p) => p.target));
  const inputLength = all.reduce((m, p) => Math.max(m, [...p.input].length), 0);
  const outputLength = all.reduce((m, p) => Math.max(m, [...p.target].length), 0) + 2;
  const toDataset = (pairs: DatePair[]): InMemoryDataset => encodePairs(pairs, inputVocab, outputVocab, inputLength, outputLength);
  return { train, val, test, inputVocab, outputVocab, inputLength, outputLength, toDataset };
}

/** Day numbers of train, val and test, each sorted. */
export function splitDays(seed: number, fractions: [number, number]): [number[], number[], number[]] {
  const [ft, fv] = fractions;
  if (!(ft > 0 && fv >= 0 && ft + fv < 1)) {
    throw new DataError('bad-option', `split fractions [${fractions}] leave no test dates`, 'Use train > 0, val >= 0 and train + val < 1.');
  }
  const all = Array.from({ length: LAST_DAY - FIRST_DAY + 1 }, (_, i) => FIRST_DAY + i);
  createRng(seed).shuffle(all);
  const nTrain = Math.round(all.length * ft);
  const nVal = Math.round(all.length * fv);
  const sorted = (a: number[]): number[] => a.sort((x, y) => x - y);
  return [sorted(all.slice(0, nTrain)), sorted(all.slice(nTrain, nTrain + nVal)), sorted(all.slice(nTrain + nVal))];
}

function encodePairs(pairs: DatePair[], inV: Vocab, outV: Vocab, inLen: number, outLen: number): InMemoryDataset {
  const x = new Int32Array(pairs.length * inLen);
  const y = new Int32Array(pairs.length * outLen);
  pairs.forEach((p, i) => {
    x.set(encode(p.input, inV, { length: inLen }), i * inLen);
    y.set(encode(p.target, outV, { length: outLen, start: true, end: true }), i * outLen);
  });
  return { x: { data: x, shape: [pairs.length, inLen] }, y: { data: y, shape: [pairs.length, outLen] } };
}
