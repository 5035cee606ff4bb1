/**
 * Plain helpers of the follow-up pages (cards, revisits, lending, demand peaks): times in the
 * estate's time zone, time left before a deadline, the heat-map grid.
 */
import type { TFunction } from 'i18next';
import type { DemandCell, RatingCard } from '../../../api/followup';
import { formatDateTime } from '../../../ui/format';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** 2026-03-05 14:30 in the given time zone (the estate's), or '—' when empty or invalid. */
export function formatInZone(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  return formatDateTime(iso, knownZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
}

function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Same as {@link formatInZone} without the year when it is the current one: 03-05 14:30. */
export function formatShortInZone(
  iso: string | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
  now = Date.now(),
): string {
  const full = formatInZone(iso, timeZone);
  if (full === '—' || full.length < 16) return full;
  const thisYear = formatInZone(new Date(now).toISOString(), timeZone).slice(0, 4);
  return full.startsWith(thisYear) ? full.slice(5) : full;
}

/**
 * How long until (or since) a deadline, in words: 「还剩 5 小时」「已超时 2 天」. Minutes below an
 * hour, hours below two days, days beyond.
 */
export function timeLeft(dueAt: string, t: TFunction, now = Date.now()): { text: string; overdue: boolean } {
  const ms = Date.parse(dueAt) - now;
  const overdue = ms < 0;
  const abs = Math.abs(ms);
  const min = Math.floor(abs / 60_000);
  let amount: string;
  if (min < 60) amount = t('revisits.span.minutes', { count: Math.max(1, min) });
  else if (min < 48 * 60) amount = t('revisits.span.hours', { count: Math.floor(min / 60) });
  else amount = t('revisits.span.days', { count: Math.floor(min / (24 * 60)) });
  return { text: t(overdue ? 'revisits.span.overdue' : 'revisits.span.left', { amount }), overdue };
}

/** The card's state as staff read it: awaiting the rating, rated, or expired unrated. */
export function cardHeadline(card: Pick<RatingCard, 'status'>): 'awaiting' | 'rated' | 'expired' {
  if (card.status === 'submitted') return 'rated';
  return card.status === 'expired' ? 'expired' : 'awaiting';
}

/** Whether the card has a comment that still needs the team's reply. */
export function needsReply(card: Pick<RatingCard, 'comment' | 'repliedAt' | 'status'>): boolean {
  return card.status === 'submitted' && !!card.comment && !card.repliedAt;
}

/** The lowest of the five scores (what made a revisit start), or null before rating. */
export function lowestScore(card: Pick<RatingCard, 'scores'>): number | null {
  if (!card.scores) return null;
  return Math.min(...Object.values(card.scores));
}

/** One row of the heat map: an hour of the day, the seven weekdays (Monday first). */
export interface HeatRow {
  hour: number;
  cells: (DemandCell | null)[];
}

/** The 168 cells as 24 rows of hours × 7 weekday columns; a missing cell stays null. */
export function heatRows(cells: DemandCell[]): HeatRow[] {
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    cells: Array.from({ length: 7 }, (_, i) => byKey.get(`${i + 1}:${hour}`) ?? null),
  }));
}

/**
 * The cell's fill: white for no demand, up to a deep blue at the busiest slot (alpha 0.08–0.9);
 * an under-covered slot is drawn in red of the same strength.
 */
export function heatColor(avg: number, max: number, underCovered: boolean): string {
  if (!(avg > 0) || !(max > 0)) return 'transparent';
  const alpha = 0.08 + 0.82 * Math.min(1, avg / max);
  const a = Math.round(alpha * 100) / 100;
  return underCovered ? `rgba(245, 34, 45, ${a})` : `rgba(22, 119, 255, ${a})`;
}

/** Text on a filled cell stays readable: white once the fill is dark. */
export function heatTextColor(avg: number, max: number): string {
  return max > 0 && avg / max > 0.55 ? '#fff' : 'rgba(0, 0, 0, 0.88)';
}

/** 08:00–09:00 (one hour), or 08:00–11:00 for a run ending before `to`. */
export function hourRange(from: number, to = from + 1): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(from)}:00–${pad(to === 24 ? 24 : to % 24)}:00`;
}

/**
 * The under-covered slots, busiest first, with runs of consecutive hours on the same weekday
 * merged: 「周六 09:00–12:00」 reads better than three cells.
 */
export function underCoveredRuns(
  cells: DemandCell[],
): { weekday: number; from: number; to: number; avgPerWeek: number; suggested: number; onDuty: number }[] {
  const sorted = cells.filter((c) => c.underCovered).sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  const runs: {
    weekday: number;
    from: number;
    to: number;
    avgPerWeek: number;
    suggested: number;
    onDuty: number;
  }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.weekday === c.weekday && last.to === c.hour) {
      last.to = c.hour + 1;
      last.avgPerWeek += c.avgPerWeek;
      last.suggested = Math.max(last.suggested, c.suggested);
      last.onDuty = Math.min(last.onDuty, c.onDuty);
    } else
      runs.push({
        weekday: c.weekday,
        from: c.hour,
        to: c.hour + 1,
        avgPerWeek: c.avgPerWeek,
        suggested: c.suggested,
        onDuty: c.onDuty,
      });
  }
  return runs.sort((a, b) => b.avgPerWeek - a.avgPerWeek || a.weekday - b.weekday || a.from - b.from);
}

/** 1.25 → "1.3", 2 → "2", 0 → "0". */
export function formatAvg(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return String(Math.round(n * 10) / 10);
}

/**
 * The server's refusal as errors on form fields: a 422 naming `details.fields` (e.g. the analysis
 * of a low-score revisit) puts its message on each of them; a 400 puts each issue on its path.
 * Only fields of the form are returned; what is left over goes to `rest`.
 */
export function fieldErrorsOf<F extends string>(
  err: {
    status: number;
    message: string;
    details?: unknown;
    issues?: { path: (string | number)[]; message: string }[];
  },
  fields: readonly F[],
): { fields: { name: F; errors: string[] }[]; rest: string | null } {
  const known = (name: unknown): name is F =>
    typeof name === 'string' && (fields as readonly string[]).includes(name);
  const out = new Map<F, string[]>();
  const add = (name: F, msg: string) => out.set(name, [...(out.get(name) ?? []), msg]);
  const d = err.details as { fields?: unknown; field?: unknown } | undefined;
  if (d && Array.isArray(d.fields)) for (const f of d.fields) if (known(f)) add(f, err.message);
  if (d && known(d.field)) add(d.field, err.message);
  for (const i of err.issues ?? []) {
    const name = String(i.path[0] ?? '');
    if (known(name)) add(name, i.message);
  }
  const list = [...out].map(([name, errors]) => ({ name, errors }));
  return { fields: list, rest: list.length ? null : err.message };
}
