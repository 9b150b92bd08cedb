/**
 * Target forms of the date-translation task. 'iso' (10 characters) is the standard task;
 * 'iso-reversed' (ISO, a space, then the ISO string reversed: 21 characters) and 'spelled'
 * (weekday and date in words, up to 65 characters) are harder variants with longer outputs, where
 * one early mistake in a greedy decode compounds.
 */
import type { CivilDate } from './calendar.js';
import { MONTHS, WEEKDAYS } from './date-formats.js';

export type DateTarget = 'iso' | 'iso-reversed' | 'spelled';
export const DATE_TARGETS: readonly DateTarget[] = ['iso', 'iso-reversed', 'spelled'];

const p2 = (n: number): string => String(n).padStart(2, '0');

/** 1987-01-03 */
export function isoDate(d: CivilDate): string {
  return `${d.year}-${p2(d.month)}-${p2(d.day)}`;
}

const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];

/** 1..99 in words: 'seven', 'eighty-seven', 'forty'. */
export function numberWords(n: number): string {
  if (n < 20) return UNITS[n];
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]}-${UNITS[unit]}`;
}

/** 1..31 as an ordinal: 'third', 'twentieth', 'thirty-first'. */
export function ordinalWords(n: number): string {
  if (n < 20) return ORDINAL_UNITS[n];
  const unit = n % 10;
  if (unit === 0) return `${TENS[Math.floor(n / 10)].slice(0, -1)}ieth`;
  return `${TENS[Math.floor(n / 10)]}-${ORDINAL_UNITS[unit]}`;
}

/** 1950..1999 'nineteen fifty'; 2000 'two thousand'; 2001..2009 'two thousand five'; 2010..2049 'twenty ten'. */
export function yearWords(year: number): string {
  if (year >= 2000 && year < 2010) return year === 2000 ? 'two thousand' : `two thousand ${UNITS[year - 2000]}`;
  return `${numberWords(Math.floor(year / 100))} ${numberWords(year % 100)}`;
}

/** 'saturday the third of january nineteen eighty-seven' */
export function spelledDate(d: CivilDate): string {
  const weekday = WEEKDAYS[d.weekday].toLowerCase();
  return `${weekday} the ${ordinalWords(d.day)} of ${MONTHS[d.month - 1].toLowerCase()} ${yearWords(d.year)}`;
}

/** The target string of `d` in form `target`. */
export function formatTarget(d: CivilDate, target: DateTarget): string {
  if (target === 'iso') return isoDate(d);
  if (target === 'iso-reversed') return `${isoDate(d)} ${[...isoDate(d)].reverse().join('')}`;
  return spelledDate(d);
}
