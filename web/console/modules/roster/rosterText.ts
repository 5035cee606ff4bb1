import { addDays } from '../../../ui/format';
import type { DutyException, DutyShift, RosterMember } from './rosterApi';

/** Pure helpers of the roster page: what a person does on each day of the week shown. */

export const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when a shift ends on the next day (19:00–07:00; equal times = 24 h). */
export const overnight = (s: { start: string; end: string }) => toMin(s.end) <= toMin(s.start);

export interface DayPlan {
  date: string;
  weekday: number;
  /** Shifts of the weekly pattern starting that day (none on a whole-day leave). */
  shifts: DutyShift[];
  /** Whole-day leave of that day, if any. */
  leave: DutyException | null;
  /** Timed leave and extra shifts of that day. */
  others: DutyException[];
}

/** The seven days (Monday first) of a member's week. */
export function weekPlan(member: RosterMember, weekStart: string): DayPlan[] {
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(weekStart, i);
    const mine = member.exceptions.filter((e) => e.date === date);
    const leave = mine.find((e) => e.kind === 'leave' && e.start === null) ?? null;
    return {
      date,
      weekday: i + 1,
      shifts: leave ? [] : member.shifts.filter((s) => s.weekday === i + 1),
      leave,
      others: mine.filter((e) => e !== leave),
    };
  });
}

/** Times every half hour for the shift pickers (00:00 … 23:30, plus 24:00 as an end). */
export const TIME_OPTIONS = Array.from({ length: 48 }, (_, i) => {
  const h = String(Math.floor(i / 2)).padStart(2, '0');
  return `${h}:${i % 2 ? '30' : '00'}`;
});

/** Common shifts, offered as one-tap presets. */
export const PRESETS = [
  { key: 'day', start: '07:00', end: '19:00' },
  { key: 'night', start: '19:00', end: '07:00' },
  { key: 'office', start: '08:30', end: '17:30' },
] as const;

/** Index of the first shift overlapping an earlier one of the same week (overnight included), or -1. */
export function firstOverlap(shifts: readonly DutyShift[]): number {
  const week = 7 * 1440;
  const spans = shifts.map((s) => {
    const a = (s.weekday - 1) * 1440 + toMin(s.start);
    const len = overnight(s) ? toMin(s.end) + 1440 - toMin(s.start) : toMin(s.end) - toMin(s.start);
    return [a, a + len] as const;
  });
  for (let i = 0; i < spans.length; i++)
    for (let j = 0; j < i; j++)
      for (const k of [-week, 0, week])
        if (spans[i]![0] < spans[j]![1] + k && spans[j]![0] + k < spans[i]![1]) return i;
  return -1;
}
