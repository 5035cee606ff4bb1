/** Local wall-clock helpers in an estate's time zone (quiet hours, daily caps). */
import { zonedParts } from '../../lib/dates.js';

/** Hour, minute and date (YYYY-MM-DD) of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { date: string; hour: number; minute: number } {
  return zonedParts(at, timeZone);
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Shanghai → +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const seconds = at.getUTCSeconds() * 1000 + at.getUTCMilliseconds();
  const asUtc = Date.parse(
    `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00Z`,
  );
  return asUtc - (at.getTime() - seconds);
}

/** The instant of a local wall-clock time (date YYYY-MM-DD, hour) in a zone. */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const first = new Date(guess.getTime() - offsetMs(guess, timeZone));
  // A second pass settles instants near a DST change (China has none; other zones may).
  return new Date(guess.getTime() - offsetMs(first, timeZone));
}

/** The next calendar date after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Quiet hours: returns undefined when `at` is inside the sending window [startHour, endHour)
 * local time, else the instant the window opens next.
 */
export function outsideWindow(
  at: Date,
  timeZone: string,
  startHour: number,
  endHour: number,
): Date | undefined {
  const p = localParts(at, timeZone);
  if (p.hour >= startHour && p.hour < endHour) return undefined;
  const date = p.hour < startHour ? p.date : nextDate(p.date);
  return zonedInstant(date, startHour, timeZone);
}

/** Start of the local day containing `at`, as an instant. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  return zonedInstant(localParts(at, timeZone).date, 0, timeZone);
}
