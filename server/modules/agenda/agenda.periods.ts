import type { Period } from '../../../contract/plan.js';
import { addDays } from '../../lib/dates.js';
import { isValidDate, nextPeriodStart, periodStart } from '../plan/index.js';

/** ISO-8601 week-year and week number of a business date (weeks start on Monday). */
export function isoWeek(date: string): { year: number; week: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000));
  return { year, week };
}

/** The Monday of ISO week `week` of `year`. */
export function isoWeekMonday(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const back = (jan4.getUTCDay() + 6) % 7;
  const monday1 = new Date(jan4.getTime() - back * 86_400_000);
  return new Date(monday1.getTime() + (week - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** The stable key of the period containing `date`: 2026-W48, 2026-11, 2026-Q4, 2026-H2, 2026. */
export function periodKey(period: Period, date: string): string {
  const start = periodStart(period, date);
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  switch (period) {
    case 'week': {
      const w = isoWeek(start);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'half_year':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    default:
      return y;
  }
}

export interface PeriodSpan {
  key: string;
  start: string;
  /** Exclusive. */
  end: string;
}

/** The period of `period` kind containing `date`. */
export function spanOf(period: Period, date: string): PeriodSpan {
  return {
    key: periodKey(period, date),
    start: periodStart(period, date),
    end: nextPeriodStart(period, date),
  };
}

/**
 * A board period from `YYYY-MM` or `YYYY-Www`; null when it names no real month or week
 * (2026-13, 2026-W54).
 */
export function parseBoardPeriod(key: string): PeriodSpan | null {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const start = `${month[1]}-${month[2]}-01`;
    return isValidDate(start) ? spanOf('month', start) : null;
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const y = Number(week[1]);
    const w = Number(week[2]);
    if (w < 1 || w > 53) return null;
    const monday = isoWeekMonday(y, w);
    if (isoWeek(monday).year !== y) return null;
    return spanOf('week', monday);
  }
  return null;
}

/**
 * The periods of a commitment that a board period covers: those starting inside it; when the
 * commitment's period is longer than the board's (S2's half-year on a monthly board), the one
 * containing the board's first day.
 */
export function periodsWithin(period: Period, board: PeriodSpan): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  let d = periodStart(period, board.start);
  if (d < board.start) d = nextPeriodStart(period, d);
  for (; d < board.end; d = nextPeriodStart(period, d)) out.push(spanOf(period, d));
  return out.length ? out : [spanOf(period, board.start)];
}

/** The `n` weeks ending with the week that contains `lastDay`, oldest first. */
export function weeksEnding(lastDay: string, n: number): PeriodSpan[] {
  const last = periodStart('week', lastDay);
  return Array.from({ length: n }, (_, i) => spanOf('week', addDays(last, -7 * (n - 1 - i))));
}
