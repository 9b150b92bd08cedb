import { describe, expect, it } from 'vitest';
import { buildVocab, decode, encode, END, PAD, START, UNK } from './vocab.js';

describe('vocab', () => {
  const vocab = buildVocab(['1987-01-03', 'Jan 3, 1987']);

  it('basic: special ids 0..3, then characters in code-point order', () => {
    expect([PAD, START, END, UNK]).toEqual([0, 1, 2, 3]);
    // Characters of the two texts, sorted by code point: ' ' ',' '-' '0'..'9' 'J' 'a' 'n'.
    expect(vocab.tokens.slice(4)).toEqual([' ', ',', '-', '0', '1', '3', '7', '8', '9', 'J', 'a', 'n']);
    expect(vocab.index.get(' ')).toBe(4);
  });

  it('round trips text through encode and decode', () => {
    for (const text of ['1987-01-03', 'Jan 3, 1987', '', '9-9']) {
      for (const frame of [{}, { start: true, end: true }]) {
        const ids = encode(text, vocab, { length: 14, ...frame });
        expect(ids).toHaveLength(14);
        expect(decode(ids, vocab)).toBe(text);
      }
    }
  });

  it('frames with START and END and pads with PAD', () => {
    expect(Array.from(encode('10', vocab, { length: 6, start: true, end: true }))).toEqual([START, 8, 7, END, PAD, PAD]);
  });

  it('maps unknown characters to UNK and decodes it as U+FFFD', () => {
    const ids = encode('1x', vocab, { length: 3 });
    expect(Array.from(ids)).toEqual([8, UNK, PAD]);
    expect(decode(ids, vocab)).toBe('1\uFFFD');
  });

  it('stops decoding at END', () => {
    expect(decode([START, 8, END, 7, 7], vocab)).toBe('1');
  });

  it('throws when the text does not fit the length', () => {
    expect(() => encode('1987', vocab, { length: 5, start: true, end: true })).toThrow(/needs 6 tokens but the sequence length is 5/);
  });
});
