/**
 * Pure rules of the duty roster: when is a person on duty, given their weekly pattern and dated
 * exceptions. All times are local to the estate (minutes since local midnight, dates YYYY-MM-DD).
 */
import { addDays, zonedParts } from '../../lib/dates.js';

const DAY_MIN = 24 * 60;

/** A shift of the weekly pattern in minutes; end ≤ start runs overnight (end = start: 24 h). */
export interface PatternShift {
  weekday: number;
  start: number;
  end: number;
}

/** A dated exception: leave (whole day when start/end are null) or an extra shift. */
export interface DatedException {
  day: string;
  kind: 'leave' | 'extra';
  start: number | null;
  end: number | null;
}

/** A stretch on duty, in minutes relative to a day's local midnight (may exceed 1440). */
export interface Stretch {
  start: number;
  end: number;
  extra: boolean;
}

/** "HH:MM" → minutes since midnight (24:00 → 1440). */
export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Minutes since midnight → "HH:MM" (1440 → 24:00; wraps beyond). */
export function toClock(min: number): string {
  const m = min === DAY_MIN ? DAY_MIN : ((min % DAY_MIN) + DAY_MIN) % DAY_MIN;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** End minute of a shift starting at `start`, relative to the start day (overnight → > 1440). */
export function endOf(start: number, end: number): number {
  return end > start ? end : end + DAY_MIN;
}

/** 1 = Monday … 7 = Sunday of a calendar date. */
export function weekdayOf(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the week of a date. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** Local date and minute of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { day: string; minute: number } {
  const p = zonedParts(at, timeZone);
  return { day: p.date, minute: p.hour * 60 + p.minute };
}

/** Removes [a, b) from each stretch. */
function subtract(stretches: Stretch[], a: number, b: number): Stretch[] {
  const out: Stretch[] = [];
  for (const s of stretches) {
    if (b <= s.start || a >= s.end) {
      out.push(s);
      continue;
    }
    if (s.start < a) out.push({ ...s, end: a });
    if (s.end > b) out.push({ ...s, start: b });
  }
  return out;
}

/**
 * The stretches a person works that start on `day`: the pattern's shifts of that weekday
 * (none when the day is a whole-day leave) and extra shifts of that day, with timed leave of
 * that day cut out. Stretches may run past midnight (end > 1440).
 */
export function shiftsStartingOn(
  day: string,
  pattern: readonly PatternShift[],
  exceptions: readonly DatedException[],
): Stretch[] {
  const mine = exceptions.filter((e) => e.day === day);
  const wholeDayLeave = mine.some((e) => e.kind === 'leave' && e.start === null);
  const weekday = weekdayOf(day);
  let out: Stretch[] = wholeDayLeave
    ? []
    : pattern
        .filter((s) => s.weekday === weekday)
        .map((s) => ({ start: s.start, end: endOf(s.start, s.end), extra: false }));
  for (const e of mine) {
    if (e.kind === 'leave' && e.start !== null && e.end !== null)
      out = subtract(out, e.start, endOf(e.start, e.end));
  }
  for (const e of mine) {
    if (e.kind === 'extra' && e.start !== null && e.end !== null)
      out.push({ start: e.start, end: endOf(e.start, e.end), extra: true });
  }
  return out;
}

/**
 * The stretches on duty within `day` (clipped to [0, 1440)): that day's shifts and the
 * overnight parts of the previous day's, leave applied.
 */
export function stretchesWithin(
  day: string,
  pattern: readonly PatternShift[],
  exceptions: readonly DatedException[],
): Stretch[] {
  const prev = shiftsStartingOn(addDays(day, -1), pattern, exceptions)
    .filter((s) => s.end > DAY_MIN)
    .map((s) => ({ ...s, start: Math.max(0, s.start - DAY_MIN), end: s.end - DAY_MIN }));
  const today = shiftsStartingOn(day, pattern, exceptions).map((s) => ({
    ...s,
    end: Math.min(s.end, DAY_MIN),
  }));
  return [...prev, ...today].filter((s) => s.end > s.start);
}

/**
 * The shift covering a local instant (`day`, `minute`), as local from/to times, or null when the
 * person is off duty then.
 */
export function shiftAt(
  day: string,
  minute: number,
  pattern: readonly PatternShift[],
  exceptions: readonly DatedException[],
): { from: string; to: string; extra: boolean } | null {
  for (const s of shiftsStartingOn(day, pattern, exceptions))
    if (minute >= s.start && minute < s.end)
      return { from: toClock(s.start), to: toClock(s.end), extra: s.extra };
  for (const s of shiftsStartingOn(addDays(day, -1), pattern, exceptions))
    if (minute + DAY_MIN >= s.start && minute + DAY_MIN < s.end)
      return { from: toClock(s.start), to: toClock(s.end), extra: s.extra };
  return null;
}

/** Minutes of the hour [h:00, h+1:00) covered by the stretches. */
export function minutesInHour(stretches: readonly Stretch[], hour: number): number {
  const a = hour * 60;
  const b = a + 60;
  let inside = 0;
  for (const s of stretches) inside += Math.max(0, Math.min(b, s.end) - Math.max(a, s.start));
  return Math.min(60, inside);
}

/**
 * Staff on duty per weekday × hour (168 numbers, Monday 00:00 first), averaged over the local
 * days [fromDay, toDay): a person counts in an hour they work at least half of, and leave and
 * extra shifts of those days count as they happened.
 */
export function coverageBySlot(
  people: readonly { pattern: readonly PatternShift[]; exceptions: readonly DatedException[] }[],
  fromDay: string,
  toDay: string,
): number[] {
  const sums = new Array<number>(168).fill(0);
  const days = new Array<number>(7).fill(0);
  for (let day = fromDay; day < toDay; day = addDays(day, 1)) {
    const w = weekdayOf(day);
    days[w - 1]! += 1;
    for (const p of people) {
      const st = stretchesWithin(day, p.pattern, p.exceptions);
      if (!st.length) continue;
      for (let h = 0; h < 24; h++) if (minutesInHour(st, h) >= 30) sums[(w - 1) * 24 + h]! += 1;
    }
  }
  return sums.map((s, i) => {
    const n = days[Math.floor(i / 24)]!;
    return n ? Math.round((s / n) * 10) / 10 : 0;
  });
}

/**
 * Problems of a weekly pattern, by index: a shift overlapping an earlier one of the same person
 * (overnight parts included). Returns the index of the first offending shift, or -1.
 */
export function firstOverlap(shifts: readonly PatternShift[]): number {
  const week = 7 * DAY_MIN;
  const spans = shifts.map((s) => {
    const a = (s.weekday - 1) * DAY_MIN + s.start;
    return [a, a + endOf(s.start, s.end) - s.start] as const;
  });
  for (let i = 0; i < spans.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a1, b1] = spans[i]!;
      const [a2, b2] = spans[j]!;
      // Compare on the weekly circle: Sunday night runs into Monday morning.
      for (const shift of [-week, 0, week]) if (a1 < b2 + shift && a2 + shift < b1) return i;
    }
  }
  return -1;
}
