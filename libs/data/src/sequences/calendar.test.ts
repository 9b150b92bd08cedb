import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, FIRST_DAY, LAST_DAY } from './calendar.js';

describe('calendar', () => {
  it('agrees with JS Date (UTC) on every day 1950..2049', () => {
    const mismatches: string[] = [];
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const ref = new Date(day * 86_400_000); // JS Date: ms since 1970-01-01T00:00Z
      const got = civilFromDays(day);
      const want = { year: ref.getUTCFullYear(), month: ref.getUTCMonth() + 1, day: ref.getUTCDate(), weekday: ref.getUTCDay() };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${day}: ${JSON.stringify(got)}`);
      if (daysFromCivil(want.year, want.month, want.day) !== day) mismatches.push(`daysFromCivil ${day}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('covers 1950-01-01 to 2049-12-31: 36,525 days (100 years, 25 of them leap)', () => {
    expect(LAST_DAY - FIRST_DAY + 1).toBe(100 * 365 + 25);
    expect(FIRST_DAY).toBe(Date.UTC(1950, 0, 1) / 86_400_000);
  });
});
