import { describe, expect, it } from 'vitest';
import { parseJsonl } from './jsonl.js';

describe('parseJsonl', () => {
  it('basic: one row per line, blank lines ignored', () => {
    const r = parseJsonl('{"step":1}\n\n{"step":2}\n', 'm.jsonl');
    expect(r.rows).toEqual([{ step: 1 }, { step: 2 }]);
    expect(r.warnings).toEqual([]);
  });

  it('skips a truncated last line with a warning naming file and line', () => {
    const r = parseJsonl('{"step":1}\n{"step":2}\n{"step":3,"lo', 'm.jsonl');
    expect(r.rows).toEqual([{ step: 1 }, { step: 2 }]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^m\.jsonl:3: skipped a truncated last line/);
  });

  it('skips a last line that fails validation', () => {
    const validate = (row: unknown) => (typeof (row as { step?: unknown }).step === 'number' ? undefined : 'no step');
    const r = parseJsonl('{"step":1}\n{"x":2}\n', 'm.jsonl', validate);
    expect(r.rows).toEqual([{ step: 1 }]);
    expect(r.warnings[0]).toContain('no step');
  });

  it('throws when a line before the last is corrupt', () => {
    expect(() => parseJsonl('{"step":1}\n{"st\n{"step":3}\n', 'm.jsonl')).toThrow(/m\.jsonl:2: invalid JSON/);
  });

  it('handles CRLF line ends', () => {
    expect(parseJsonl('{"a":1}\r\n{"a":2}\r\n', 'x').rows).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
