import type { Period } from '../../../contract/plan.js';

/**
 * Commitment periods on business dates (YYYY-MM-DD in the estate's time zone, computed by the
 * caller with `localDate`). Weeks start on Monday; quarters on Jan/Apr/Jul/Oct 1; half-years on
 * Jan 1 and Jul 1. Plain date arithmetic in UTC, so no time zone or DST can shift a day.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isValidDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  return fmt(parse(date)) === date;
}

function monthsOf(period: Exclude<Period, 'week'>): number {
  return { month: 1, quarter: 3, half_year: 6, year: 12 }[period];
}

/** The first day of the period that contains `date`. */
export function periodStart(period: Period, date: string): string {
  const d = parse(date);
  if (period === 'week') {
    const back = (d.getUTCDay() + 6) % 7; // Monday → 0 … Sunday → 6
    d.setUTCDate(d.getUTCDate() - back);
    return fmt(d);
  }
  const span = monthsOf(period);
  const month = Math.floor(d.getUTCMonth() / span) * span;
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), month, 1)));
}

/** The first day of the period after the one that contains `date`. */
export function nextPeriodStart(period: Period, date: string): string {
  const start = parse(periodStart(period, date));
  if (period === 'week') {
    start.setUTCDate(start.getUTCDate() + 7);
    return fmt(start);
  }
  return fmt(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + monthsOf(period), 1)));
}

/** The period containing `date` as [start, end): `end` is the next period's first day. */
export function periodRange(period: Period, date: string): { start: string; end: string } {
  return { start: periodStart(period, date), end: nextPeriodStart(period, date) };
}

/** A version of a commitment's target: in effect from `effectiveFrom` until the next version. */
export interface TargetVersion {
  effectiveFrom: string;
  target: number;
}

/**
 * The target that applies to the period starting `periodStart` (or, generally, to that date):
 * the latest version in effect on that day; null before the first version. Past periods keep
 * the target they had because a new version only ever starts on a later date.
 */
export function targetFor(
  commitment: { targets: readonly TargetVersion[] },
  periodStart: string,
): number | null {
  let best: TargetVersion | undefined;
  for (const v of commitment.targets) {
    if (v.effectiveFrom <= periodStart && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best ? best.target : null;
}

/** The next version that starts after `date`, if one is scheduled. */
export function nextTargetAfter(
  commitment: { targets: readonly TargetVersion[] },
  date: string,
): TargetVersion | null {
  let best: TargetVersion | null = null;
  for (const v of commitment.targets) {
    if (v.effectiveFrom > date && (!best || v.effectiveFrom < best.effectiveFrom)) best = v;
  }
  return best;
}
