import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, FIRST_DAY, LAST_DAY } from './calendar.js';
import { createDateTask } from './date-pairs.js';
import { formatTarget, spelledDate } from './date-targets.js';

// Independent word tables for parsing the spelled form back (written out, not generated).
// prettier-ignore
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
  'nineteenth', 'twentieth', 'twenty-first', 'twenty-second', 'twenty-third', 'twenty-fourth', 'twenty-fifth',
  'twenty-sixth', 'twenty-seventh', 'twenty-eighth', 'twenty-ninth', 'thirtieth', 'thirty-first'];
// prettier-ignore
const SMALL: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const WEEKDAYS = 'sunday monday tuesday wednesday thursday friday saturday'.split(' '); // getUTCDay order

/** 'eighty-seven' -> 87 */
const twoDigits = (w: string): number => w.split('-').reduce((s, part) => s + SMALL[part], 0);

function parseSpelled(text: string): { date: Date; weekday: string } | undefined {
  const m = /^(\w+) the ([\w-]+) of (\w+) (.+)$/.exec(text);
  if (!m) return undefined;
  const [, weekday, ordinal, month, yearText] = m;
  const w = yearText.split(' ');
  let year: number;
  if (w[0] === 'two' && w[1] === 'thousand') year = 2000 + (w[2] ? SMALL[w[2]] : 0);
  else year = SMALL[w[0]] * 100 + twoDigits(w[1]);
  return { date: new Date(Date.UTC(year, MONTHS.indexOf(month), ORDINALS.indexOf(ordinal) + 1)), weekday };
}

describe('spelled dates', () => {
  it('basic: hand-checked examples', () => {
    const at = (y: number, m: number, d: number) => spelledDate(civilFromDays(daysFromCivil(y, m, d)));
    // 1987-01-03 is a Saturday (the issue's own example, "Saturday, 3 January 1987").
    expect(at(1987, 1, 3)).toBe('saturday the third of january nineteen eighty-seven');
    // 2000-01-01 was a Saturday (the "Y2K" weekend).
    expect(at(2000, 1, 1)).toBe('saturday the first of january two thousand');
    // 1969-07-20, Apollo 11 landing day, was a Sunday.
    expect(at(1969, 7, 20)).toBe('sunday the twentieth of july nineteen sixty-nine');
  });

  it('every day 1950..2049 parses back to itself (JS Date, UTC)', () => {
    const failures: string[] = [];
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const text = spelledDate(civilFromDays(day));
      const parsed = parseSpelled(text);
      const ok = parsed && parsed.date.getTime() === day * 86_400_000 && WEEKDAYS[parsed.date.getUTCDay()] === parsed.weekday;
      if (!ok) failures.push(text);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe('harder targets', () => {
  it("'iso-reversed' is ISO, a space, and the ISO string reversed", () => {
    const day = daysFromCivil(1987, 1, 3);
    expect(formatTarget(civilFromDays(day), 'iso-reversed')).toBe('1987-01-03 30-10-7891');
  });

  it('gives longer decoder sequences than ISO', () => {
    const iso = createDateTask();
    const reversed = createDateTask({ target: 'iso-reversed' });
    const spelled = createDateTask({ target: 'spelled' });
    expect(iso.outputLength).toBe(12); // 10 + START + END
    expect(reversed.outputLength).toBe(23); // 21 + START + END
    // Longest possible: weekday 'wednesday' (9) + ordinal 'twenty-seventh' (14) + 'september' (9) +
    // year 'nineteen seventy-eight' (22) + 'the', 'of' (5) + 5 spaces = 64; attained on 1978-09-27,
    // a Wednesday (JS Date: getUTCDay() = 3). Plus START and END.
    expect(spelled.outputLength).toBe(66);
    expect(formatTarget(civilFromDays(daysFromCivil(1978, 9, 27)), 'spelled')).toHaveLength(64);
    // Same dates and inputs; only the targets change.
    expect(spelled.test.map((p) => p.input)).toEqual(iso.test.map((p) => p.input));
    expect(spelled.test[0].target).toBe(spelledDate(civilFromDays(spelled.test[0].day)));
  });
});
