import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, FIRST_DAY, LAST_DAY } from './calendar.js';
import { DATE_FORMATS } from './date-formats.js';
import { createDateTask, type DatePair } from './date-pairs.js';
import { decode, END, START } from './vocab.js';

// Independent reference: month and weekday names from Intl (ICU), dates from JS Date in UTC.
const monthNames = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2001, m, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }).toLowerCase(),
);
// Weekday name by getUTCDay(), read from Intl once for 7 consecutive days (Intl is slow per call).
const weekdayNames: string[] = [];
for (let i = 0; i < 7; i++) {
  const date = new Date(Date.UTC(2001, 0, 1 + i));
  weekdayNames[date.getUTCDay()] = date.toLocaleString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase();
}
const weekdayOf = (date: Date): string => weekdayNames[date.getUTCDay()];
const ORDINAL_SUFFIX: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd', 31: 'st' };

// One pattern per input format, with named fields: d (day), m (month number), mon (month name or
// its 3 letters), y / yy (4- or 2-digit year), dow (weekday or its 3 letters), sfx (ordinal suffix).
const PATTERNS: Record<string, RegExp> = {
  'd MMM yyyy': /^(?<d>\d{1,2}) (?<mon>[A-Z][a-z]{2}) (?<y>\d{4})$/,
  'MM/dd/yy': /^(?<m>\d{2})\/(?<d>\d{2})\/(?<yy>\d{2})$/,
  'MMMM d, yyyy': /^(?<mon>[A-Z][a-z]+) (?<d>\d{1,2}), (?<y>\d{4})$/,
  'yyyy.MM.dd': /^(?<y>\d{4})\.(?<m>\d{2})\.(?<d>\d{2})$/,
  'EEEE, d MMMM yyyy': /^(?<dow>[A-Z][a-z]+), (?<d>\d{1,2}) (?<mon>[A-Z][a-z]+) (?<y>\d{4})$/,
  'd MMMM yyyy': /^(?<d>\d{1,2}) (?<mon>[A-Z][a-z]+) (?<y>\d{4})$/,
  'MMM d, yyyy': /^(?<mon>[A-Z][a-z]{2}) (?<d>\d{1,2}), (?<y>\d{4})$/,
  'dd-MMM-yyyy upper': /^(?<d>\d{2})-(?<mon>[A-Z]{3})-(?<y>\d{4})$/,
  yyyyMMdd: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  'do of MMMM yyyy': /^(?<d>\d{1,2})(?<sfx>st|nd|rd|th) of (?<mon>[A-Z][a-z]+) (?<y>\d{4})$/,
  'EEE d MMM yy': /^(?<dow>[A-Z][a-z]{2}) (?<d>\d{1,2}) (?<mon>[A-Z][a-z]{2}) (?<yy>\d{2})$/,
  'mmmm d yyyy lower': /^(?<mon>[a-z]+) (?<d>\d{1,2}) (?<y>\d{4})$/,
  'yyyy/M/d': /^(?<y>\d{4})\/(?<m>\d{1,2})\/(?<d>\d{1,2})$/,
  'd.M.yyyy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'EEE, MMM d, yyyy': /^(?<dow>[A-Z][a-z]{2}), (?<mon>[A-Z][a-z]{2}) (?<d>\d{1,2}), (?<y>\d{4})$/,
};

/** Parses an input with its format's pattern into a UTC Date, or returns why it cannot. */
function parseInput(p: DatePair): Date | string {
  const g = PATTERNS[p.format]?.exec(p.input)?.groups;
  if (!g) return `no pattern match`;
  const y = g.y ? Number(g.y) : Number(g.yy) + (Number(g.yy) >= 50 ? 1900 : 2000);
  const mon = g.mon?.toLowerCase();
  const m = g.m ? Number(g.m) : monthNames.findIndex((n) => n === mon || (mon?.length === 3 && n.startsWith(mon))) + 1;
  const d = Number(g.d);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'invalid date';
  const dow = g.dow?.toLowerCase();
  if (dow && !(weekdayOf(date) === dow || (dow.length === 3 && weekdayOf(date).startsWith(dow)))) return 'wrong weekday';
  if (g.sfx && g.sfx !== (ORDINAL_SUFFIX[d] ?? 'th')) return 'wrong ordinal suffix';
  return date;
}

describe('date formats', () => {
  it('has at least 10 formats, including the issue examples for 1987-01-03', () => {
    expect(DATE_FORMATS.length).toBeGreaterThanOrEqual(10);
    const inputs = DATE_FORMATS.map((f) => f.format(civilFromDays(daysFromCivil(1987, 1, 3))));
    for (const s of ['3 Jan 1987', '01/03/87', 'January 3, 1987', '1987.01.03', 'Saturday, 3 January 1987']) {
      expect(inputs).toContain(s);
    }
    expect(Object.keys(PATTERNS).sort()).toEqual(DATE_FORMATS.map((f) => f.name).sort());
  });
});

describe('createDateTask', () => {
  const all = createDateTask({ pairsPerDate: DATE_FORMATS.length });
  const pairs = [...all.train, ...all.val, ...all.test];

  it('every input (all dates x all formats) parses to its ISO target (JS Date, UTC)', () => {
    expect(pairs).toHaveLength((LAST_DAY - FIRST_DAY + 1) * DATE_FORMATS.length);
    const failures: string[] = [];
    for (const p of pairs) {
      const date = parseInput(p);
      if (typeof date === 'string') failures.push(`${p.format}: '${p.input}': ${date}`);
      else if (date.toISOString().slice(0, 10) !== p.target || date.getTime() !== p.day * 86_400_000) {
        failures.push(`'${p.input}' -> ${p.target}, parsed ${date.toISOString()}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('no input string stands for two dates', () => {
    const seen = new Map<string, string>();
    const clashes = pairs.filter((p) => (seen.get(p.input) ?? p.target) !== p.target || !seen.set(p.input, p.target));
    expect(clashes).toEqual([]);
  });

  it('splits by date: disjoint, complete, 80/10/10, fixed by the seed', () => {
    const task = createDateTask();
    const days = [task.train, task.val, task.test].map((s) => new Set(s.map((p) => p.day)));
    // 36,525 dates: round(0.8 n) = 29,220 train, round(0.1 n) = 3,653 val, the rest 3,652 test.
    expect(days.map((d) => d.size)).toEqual([29_220, 3_653, 3_652]);
    expect([...days[2]].filter((d) => days[0].has(d) || days[1].has(d))).toEqual([]);
    expect([...days[1]].filter((d) => days[0].has(d))).toEqual([]);
    expect(new Set([...days[0], ...days[1], ...days[2]]).size).toBe(LAST_DAY - FIRST_DAY + 1);
    // The split of dates does not depend on how many formats per date.
    expect(new Set(all.test.map((p) => p.day))).toEqual(days[2]);
    expect(createDateTask().test.map((p) => p.input)).toEqual(task.test.map((p) => p.input));
    expect(createDateTask({ splitSeed: 7 }).test.map((p) => p.day)).not.toEqual(task.test.map((p) => p.day));
  });

  it('encodes pairs as x [n, inputLength] and y = START target END PAD...', () => {
    const task = createDateTask();
    const ds = task.toDataset(task.val);
    const n = task.val.length;
    expect(ds.x.shape).toEqual([n, task.inputLength]);
    expect(ds.y?.shape).toEqual([n, 12]); // 10 ISO characters + START + END
    const y = ds.y?.data as Int32Array;
    for (let i = 0; i < n; i++) {
      const x = ds.x.data.subarray(i * task.inputLength, (i + 1) * task.inputLength);
      expect(decode(x, task.inputVocab)).toBe(task.val[i].input);
      const row = y.subarray(i * 12, (i + 1) * 12);
      expect([row[0], row[11]]).toEqual([START, END]);
      expect(decode(row, task.outputVocab)).toBe(task.val[i].target);
    }
  });

  it('throws when an option is out of range', () => {
    expect(() => createDateTask({ pairsPerDate: 99 })).toThrow(/pairsPerDate must be an integer in \[1, 15\]/);
    expect(() => createDateTask({ target: 'roman' as 'iso' })).toThrow(/unknown date target 'roman'/);
    expect(() => createDateTask({ fractions: [0.9, 0.1] })).toThrow(/leave no test dates/);
  });
});
