/**
 * Human date formats (inputs of the date-translation task). Every format is one-to-one on
 * 1950..2049, and no string can be read as two different dates: numeric formats use one order
 * each (US month/day with '/', day.month with '.', year first with '.', '/' or nothing), and
 * two-digit years mean 1950..2049.
 */
import type { CivilDate } from './calendar.js';

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface DateFormat {
  /** A pattern-like name, e.g. 'd MMM yyyy'. */
  name: string;
  format(d: CivilDate): string;
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const yy = (d: CivilDate): string => p2(d.year % 100);
const mon = (d: CivilDate): string => MONTHS[d.month - 1];
const mmm = (d: CivilDate): string => mon(d).slice(0, 3);
const dow = (d: CivilDate): string => WEEKDAYS[d.weekday];

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, 22nd, 23rd, ..., 31st. */
export function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** The input formats; the example in each comment is 1987-01-03, a Saturday. */
export const DATE_FORMATS: readonly DateFormat[] = [
  { name: 'd MMM yyyy', format: (d) => `${d.day} ${mmm(d)} ${d.year}` }, // 3 Jan 1987
  { name: 'MM/dd/yy', format: (d) => `${p2(d.month)}/${p2(d.day)}/${yy(d)}` }, // 01/03/87
  { name: 'MMMM d, yyyy', format: (d) => `${mon(d)} ${d.day}, ${d.year}` }, // January 3, 1987
  { name: 'yyyy.MM.dd', format: (d) => `${d.year}.${p2(d.month)}.${p2(d.day)}` }, // 1987.01.03
  { name: 'EEEE, d MMMM yyyy', format: (d) => `${dow(d)}, ${d.day} ${mon(d)} ${d.year}` }, // Saturday, 3 January 1987
  { name: 'd MMMM yyyy', format: (d) => `${d.day} ${mon(d)} ${d.year}` }, // 3 January 1987
  { name: 'MMM d, yyyy', format: (d) => `${mmm(d)} ${d.day}, ${d.year}` }, // Jan 3, 1987
  { name: 'dd-MMM-yyyy upper', format: (d) => `${p2(d.day)}-${mmm(d).toUpperCase()}-${d.year}` }, // 03-JAN-1987
  { name: 'yyyyMMdd', format: (d) => `${d.year}${p2(d.month)}${p2(d.day)}` }, // 19870103
  { name: 'do of MMMM yyyy', format: (d) => `${d.day}${ordinalSuffix(d.day)} of ${mon(d)} ${d.year}` }, // 3rd of January 1987
  { name: 'EEE d MMM yy', format: (d) => `${dow(d).slice(0, 3)} ${d.day} ${mmm(d)} ${yy(d)}` }, // Sat 3 Jan 87
  { name: 'mmmm d yyyy lower', format: (d) => `${mon(d).toLowerCase()} ${d.day} ${d.year}` }, // january 3 1987
  { name: 'yyyy/M/d', format: (d) => `${d.year}/${d.month}/${d.day}` }, // 1987/1/3
  { name: 'd.M.yyyy', format: (d) => `${d.day}.${d.month}.${d.year}` }, // 3.1.1987
  { name: 'EEE, MMM d, yyyy', format: (d) => `${dow(d).slice(0, 3)}, ${mmm(d)} ${d.day}, ${d.year}` }, // Sat, Jan 3, 1987
];
