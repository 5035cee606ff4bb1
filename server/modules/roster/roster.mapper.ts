import type { DutyException, DutyShift } from '../../../contract/roster.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { ExceptionRow, PatternRow } from './roster.repository.js';
import { type DatedException, type PatternShift, toClock } from './roster.rules.js';

/** Rows → rule inputs and API shapes; rows never leave the service. */

export function patternOf(row: PatternRow | undefined): PatternShift[] {
  return row ? fromJson<PatternShift[]>(row.shifts, []) : [];
}

export function datedOf(r: ExceptionRow): DatedException {
  return {
    day: r.day,
    kind: r.kind as 'leave' | 'extra',
    start: r.start_minute === null ? null : Number(r.start_minute),
    end: r.end_minute === null ? null : Number(r.end_minute),
  };
}

export function toDutyShift(s: PatternShift): DutyShift {
  return { weekday: s.weekday, start: toClock(s.start), end: toClock(s.end) };
}

export function toDutyException(r: ExceptionRow): DutyException {
  return {
    id: r.id,
    accountId: r.account_id,
    date: r.day,
    kind: r.kind as DutyException['kind'],
    start: r.start_minute === null ? null : toClock(Number(r.start_minute)),
    end: r.end_minute === null ? null : toClock(Number(r.end_minute)),
    note: r.note,
    createdAt: toIso(r.created_at)!,
  };
}
