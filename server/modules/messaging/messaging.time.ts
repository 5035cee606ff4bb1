/** Quiet hours in an estate's time zone, on the shared wall-clock helpers of lib/dates. */
import { addDays, zonedInstant, zonedParts } from '../../lib/dates.js';

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
  const p = zonedParts(at, timeZone);
  if (p.hour >= startHour && p.hour < endHour) return undefined;
  const date = p.hour < startHour ? p.date : addDays(p.date, 1);
  return zonedInstant(date, startHour, timeZone);
}
