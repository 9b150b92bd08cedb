/**
 * Character vocabularies for seq2seq. Ids 0..3 are reserved: PAD (padding, ignored by losses),
 * START (first decoder input), END (end of sequence), UNK (a character not in the vocabulary);
 * characters follow in code-point order, so the same texts always give the same ids.
 */
import { DataError } from '../errors.js';

export const PAD = 0;
export const START = 1;
export const END = 2;
export const UNK = 3;
export const SPECIAL_TOKENS = ['<pad>', '<start>', '<end>', '<unk>'] as const;

export interface Vocab {
  /** Token of each id: the four special tokens, then one character each. */
  tokens: readonly string[];
  /** Id of each character. */
  index: ReadonlyMap<string, number>;
}

/** The vocabulary of every character in `texts`. */
export function buildVocab(texts: Iterable<string>): Vocab {
  const chars = new Set<string>();
  for (const t of texts) for (const ch of t) chars.add(ch);
  const sorted = [...chars].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
  const tokens = [...SPECIAL_TOKENS, ...sorted];
  return { tokens, index: new Map(sorted.map((ch, i) => [ch, i + SPECIAL_TOKENS.length])) };
}

export interface EncodeOptions {
  /** Output length; shorter sequences are padded with PAD. */
  length: number;
  /** Put START first (decoder sequences). */
  start?: boolean;
  /** Put END after the last character. */
  end?: boolean;
}

/** Ids of `text` (unknown characters -> UNK), framed and padded to `opts.length`. */
export function encode(text: string, vocab: Vocab, opts: EncodeOptions): Int32Array {
  const ids = [...text].map((ch) => vocab.index.get(ch) ?? UNK);
  const framed = [...(opts.start ? [START] : []), ...ids, ...(opts.end ? [END] : [])];
  if (framed.length > opts.length) {
    throw new DataError(
      'bad-option',
      `'${text}' needs ${framed.length} tokens but the sequence length is ${opts.length}`,
      'Raise the sequence length to the longest sequence plus START/END.',
    );
  }
  const out = new Int32Array(opts.length).fill(PAD);
  out.set(framed);
  return out;
}

/** Text of `ids`: PAD and START are skipped, END stops, UNK becomes U+FFFD. */
export function decode(ids: ArrayLike<number>, vocab: Vocab): string {
  let text = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === END) break;
    if (id === PAD || id === START) continue;
    text += id === UNK || id >= vocab.tokens.length || id < 0 ? '\uFFFD' : vocab.tokens[id];
  }
  return text;
}
