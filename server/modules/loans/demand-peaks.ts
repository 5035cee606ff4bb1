import type { DemandCell } from '../../../contract/loans.js';

/** Requests one technician handles per hour (repair jobs incl. travel inside the estate). */
export const CAPACITY_PER_HOUR = 1.5;
/** Percentile of demand per staff member above which a slot counts as under-covered. */
export const UNDER_COVERED_PERCENTILE = 0.8;
/** Working hours assumed when the team has no post with a shift: 08:00–18:00. */
const DEFAULT_WORKING_HOURS = { from: 8, to: 18 };

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Weekday (1 = Monday … 7 = Sunday) and hour (0–23) of an instant in a time zone. */
export function localSlot(at: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const wd = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  return { weekday: WEEKDAYS[wd] ?? 1, hour };
}

/**
 * Parses a post's shift text into minute ranges of the day: `07:00-19:00`, an overnight
 * `19:00-07:00` (wraps), several ranges `08:00-12:00,13:30-17:30`, full-width dashes and `～`.
 * Unparseable text yields no ranges.
 */
export function parseShift(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const part of text.split(/[,，;；、\s]+/)) {
    const m = /^(\d{1,2})[:：](\d{2})\s*[-–—~～至]\s*(\d{1,2})[:：](\d{2})$/.exec(part.trim());
    if (!m) continue;
    const start = Number(m[1]) * 60 + Number(m[2]);
    let end = Number(m[3]) * 60 + Number(m[4]);
    if (start > 24 * 60 || end > 24 * 60) continue;
    if (end === start) end = start + 24 * 60; // 08:00-08:00: around the clock
    if (end < start) {
      out.push([start, 24 * 60], [0, end]); // overnight
    } else out.push([start, end]);
  }
  return out;
}

/** True when the hour [h:00, h+1:00) is at least half inside one of the ranges. */
function covers(ranges: Array<[number, number]>, hour: number): boolean {
  const a = hour * 60;
  const b = a + 60;
  let inside = 0;
  for (const [s, e] of ranges) inside += Math.max(0, Math.min(b, e) - Math.max(a, s));
  return inside >= 30;
}

/** Linear-interpolated percentile of a non-empty list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((x, y) => x - y);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

export interface PeaksInput {
  /** Creation times of the requests in the period. */
  times: Date[];
  weeks: number;
  timeZone: string;
  /** Shift texts of the team's posts. */
  shifts: string[];
  teamSize: number;
  /**
   * Staff on duty per weekday × hour by the duty roster (168 numbers, Monday 00:00 first),
   * when the team has one: it replaces the estimate from the posts.
   */
  rosterCoverage?: readonly number[] | null;
}

/**
 * Demand by weekday × hour against who is on duty. With the team's duty roster (值班表) a slot
 * has the staff the roster puts on duty then; without one the team's staff are spread over its
 * posts: a slot has teamSize × (posts whose shift covers it / posts with a shift) on duty. A slot is under-covered when it has demand and nobody on
 * duty, when its demand needs more staff than are on duty at CAPACITY_PER_HOUR, or when its
 * demand per staff member is above the 80th percentile of the slots with demand.
 */
export function computeDemandPeaks(input: PeaksInput) {
  const { weeks, timeZone, teamSize } = input;
  const counts = new Array<number>(7 * 24).fill(0);
  for (const t of input.times) {
    const { weekday, hour } = localSlot(t, timeZone);
    counts[(weekday - 1) * 24 + hour]! += 1;
  }
  const posts = input.shifts.map(parseShift).filter((r) => r.length);
  const roster = input.rosterCoverage && input.rosterCoverage.length === 168 ? input.rosterCoverage : null;
  const onDutyByHour = Array.from({ length: 24 }, (_, h) => {
    if (!posts.length) return 0;
    const covering = posts.filter((r) => covers(r, h)).length;
    return round((teamSize * covering) / posts.length, 1);
  });
  const working = Array.from({ length: 24 }, (_, h) =>
    posts.length
      ? posts.some((r) => covers(r, h))
      : h >= DEFAULT_WORKING_HOURS.from && h < DEFAULT_WORKING_HOURS.to,
  );
  // The roster says who is on duty slot by slot; a slot counts as working time when anyone is.
  const onDutyAt = (i: number) => (roster ? round(roster[i]!, 1) : onDutyByHour[i % 24]!);
  const workingAt = (i: number) => (roster ? roster[i]! > 0 : working[i % 24]!);

  const loads: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const onDuty = onDutyAt(i);
    if (counts[i]! > 0 && onDuty > 0) loads.push(counts[i]! / weeks / onDuty);
  }
  const threshold = round(percentile(loads, UNDER_COVERED_PERCENTILE));

  let maxAvg = 0;
  const cells: DemandCell[] = counts.map((requests, i) => {
    const weekday = Math.floor(i / 24) + 1;
    const hour = i % 24;
    const avg = requests / weeks;
    maxAvg = Math.max(maxAvg, avg);
    const onDuty = onDutyAt(i);
    const needed = Math.ceil(avg / CAPACITY_PER_HOUR - 1e-9);
    const suggested = Math.max(needed, workingAt(i) ? 1 : 0);
    const load = onDuty > 0 ? avg / onDuty : Number.POSITIVE_INFINITY;
    const underCovered =
      requests > 0 && (onDuty === 0 || needed > onDuty || (loads.length > 1 && load > threshold + 1e-9));
    return { weekday, hour, requests, avgPerWeek: round(avg), onDuty, suggested, underCovered };
  });
  return {
    cells,
    maxAvg: round(maxAvg),
    threshold,
    rosterSource: (roster ? 'roster' : posts.length ? 'posts' : 'none') as 'roster' | 'posts' | 'none',
    totalRequests: input.times.length,
  };
}
