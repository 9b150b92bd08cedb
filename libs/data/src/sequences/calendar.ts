/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), with integer
 * formulas (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"), independent of JS Date.
 */

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

/** Day number of year-month-day. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Year, month, day and weekday of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, weekday };
}

/** First and last day of the dataset: 1950-01-01 and 2049-12-31 (two-digit years are unambiguous). */
export const FIRST_DAY = daysFromCivil(1950, 1, 1);
export const LAST_DAY = daysFromCivil(2049, 12, 31);
