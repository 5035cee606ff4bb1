import type { VisitSuggestion } from '../../../contract/visits.js';
import { addDays, fromJson, toIso } from '../../lib/dates.js';

/** A household as ranking needs it. */
export interface Candidate {
  id: string;
  room_code: string;
  room_sort: string;
  building_id: string;
  care_flags: unknown;
  move_in_date: string | null;
}

const DAY_MS = 86_400_000;
/** Visits within the same 30 days count as equally recent: care flags and move-ins decide. */
const STALENESS_BUCKET_DAYS = 30;
/** A move-in within this many days makes a household a "new neighbour" to visit early. */
export const RECENT_MOVE_IN_DAYS = 90;

interface Ranked {
  c: Candidate;
  flags: string[];
  last: Date | null;
  days: number | null;
  bucket: number;
  moved: boolean;
}

/**
 * Orders households for a visitor: the longest since the last visit first (never visited before
 * everything else), measured in 30-day steps; within a step, households with care flags, then
 * those who moved in within 90 days, then the older visit, then room order. Pure: the caller
 * reads the rows (two queries for a whole estate) and passes `now` and the estate's `today`.
 */
export function rankSuggestions(
  candidates: Candidate[],
  lastVisitAt: Map<string, Date | string>,
  now: Date,
  today: string,
  limit: number,
): VisitSuggestion[] {
  const since = addDays(today, -RECENT_MOVE_IN_DAYS);
  const ranked: Ranked[] = candidates.map((c) => {
    const raw = lastVisitAt.get(c.id);
    const last = raw ? new Date(raw) : null;
    const days = last ? Math.max(0, Math.floor((now.getTime() - last.getTime()) / DAY_MS)) : null;
    return {
      c,
      flags: fromJson<string[]>(c.care_flags, []),
      last,
      days,
      bucket: days === null ? Number.POSITIVE_INFINITY : Math.floor(days / STALENESS_BUCKET_DAYS),
      moved: !!c.move_in_date && c.move_in_date >= since && c.move_in_date <= today,
    };
  });
  ranked.sort(
    (a, b) =>
      b.bucket - a.bucket ||
      Number(b.flags.length > 0) - Number(a.flags.length > 0) ||
      Number(b.moved) - Number(a.moved) ||
      (a.last?.getTime() ?? 0) - (b.last?.getTime() ?? 0) ||
      (a.c.room_sort < b.c.room_sort ? -1 : a.c.room_sort > b.c.room_sort ? 1 : 0),
  );
  return ranked.slice(0, limit).map((r) => ({
    householdId: r.c.id,
    roomCode: r.c.room_code,
    buildingId: r.c.building_id,
    lastVisitAt: toIso(r.last),
    daysSinceVisit: r.days,
    careFlags: r.flags as VisitSuggestion['careFlags'],
    moveInDate: r.c.move_in_date,
    reasons: [
      r.days === null
        ? { code: 'never_visited' as const, detail: null }
        : { code: 'last_visit' as const, detail: String(r.days) },
      ...r.flags.map((f) => ({ code: 'care_flag' as const, detail: f })),
      ...(r.moved ? [{ code: 'recent_move_in' as const, detail: r.c.move_in_date }] : []),
    ],
  }));
}
