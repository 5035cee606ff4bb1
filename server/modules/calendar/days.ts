import type { DayKind } from '../../../contract/calendar.js';

// Pure date arithmetic on calendar dates (YYYY-MM-DD). Dates are civil days, not instants: they
// are computed at UTC midnight so that no time zone or daylight-saving rule can shift them.

const DAY_MS = 86_400_000;

function utc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** True for a real date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(utc(s));
  return t.toISOString().slice(0, 10) === s;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(utc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True on Saturday and Sunday. */
export function isWeekend(date: string): boolean {
  return weekdayOf(date) >= 6;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** An official calendar entry of a date, as far as the day's kind is concerned. */
export interface DayEntry {
  kind: 'holiday' | 'workday';
  name: string;
  nameEn?: string | null;
}

/**
 * The kind of a day from our holiday table: an official holiday, a make-up workday (a weekend
 * day worked, 调休上班), a weekend or a workday. A 'workday' entry on a Monday–Friday is just a
 * workday.
 */
export function dayKindOf(date: string, entry: DayEntry | null | undefined): DayKind {
  if (entry?.kind === 'holiday') return 'holiday';
  if (isWeekend(date)) return entry?.kind === 'workday' ? 'makeup_workday' : 'weekend';
  return 'workday';
}
