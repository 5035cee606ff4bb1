import {
  MIN_ANALYSIS_CHARS,
  RATING_CRITERIA,
  type RatingFigures,
  type RatingScores,
  type ReplyState,
} from '../../../contract/ratings.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Pure rules of supervision cards and revisits: no database, no clock of their own. */
export const RATING_DEFAULTS = {
  /** How long a card's link works after the job is completed. */
  cardTtlDays: 14,
  /** Every comment gets a reply within this many hours of the rating. */
  replyWithinHours: 48,
  /** A low-score revisit is due this many hours after the rating (T4). */
  lowScoreDueHours: 48,
  /** Default low-score threshold when the catalog entry gives none: any score ≤ 3. */
  lowScoreThreshold: 3,
  /** Routine follow-up after completion when the catalog's policy says nothing (T6). */
  routineAfterDays: 30,
  /** Follow-up of a request taken by someone outside the responsible team (E15, E4). */
  frontLineAfterDays: 7,
  /** Failed token lookups allowed per address and window before 429. */
  guessMaxFailures: 20,
  guessWindowMinutes: 10,
};
export type RatingSettings = typeof RATING_DEFAULTS;

/** The criteria at or below the threshold (empty when none is low). */
export function lowCriteria(scores: RatingScores, threshold: number): string[] {
  return RATING_CRITERIA.filter((c) => scores[c] <= threshold);
}

/** Reply to a comment against its deadline, at `now`. */
export function replyState(
  c: { comment: string | null; replyDueAt: Date | null; repliedAt: Date | null },
  now: Date,
): ReplyState {
  if (!c.comment) return 'none';
  const due = c.replyDueAt;
  if (c.repliedAt) return !due || c.repliedAt <= due ? 'on_time' : 'late';
  return due && now > due ? 'overdue' : 'pending';
}

/** A revisit's state at `now`: done, overdue (open past its due time) or open. */
export function revisitState(r: { status: string; dueAt: Date }, now: Date): 'open' | 'overdue' | 'done' {
  if (r.status === 'done') return 'done';
  return now > r.dueAt ? 'overdue' : 'open';
}

/** The fields a low-score revisit still lacks before it may be closed. */
export function missingAnalysis(kind: string, input: { analysis?: string; adjustment?: string }): string[] {
  if (kind !== 'low_score') return [];
  return (['analysis', 'adjustment'] as const).filter(
    (f) => (input[f]?.trim().length ?? 0) < MIN_ANALYSIS_CHARS,
  );
}

export interface CompletedRequest {
  completedAt: Date;
  teamCode: string;
  takerInTeam: boolean;
  afterDays: number | null | undefined;
}

/** The revisits a completed request needs (kind and due time); low-score ones come from ratings. */
export function revisitsOnCompletion(
  r: CompletedRequest,
  s: Pick<RatingSettings, 'routineAfterDays' | 'frontLineAfterDays'> = RATING_DEFAULTS,
): { kind: 'routine_30d' | 'front_line_follow_up'; dueAt: Date }[] {
  const out: { kind: 'routine_30d' | 'front_line_follow_up'; dueAt: Date }[] = [];
  // A policy of `afterDays: null` (e.g. reminders) means no routine follow-up. A catalog entry
  // that asks for the standard month (the default catalog copies T6's 30 days) follows the
  // plan's T6 target in `s`; any other number is the entry's own exception and is kept.
  const standard = r.afterDays === undefined || r.afterDays === RATING_DEFAULTS.routineAfterDays;
  const after = standard ? s.routineAfterDays : (r.afterDays ?? null);
  if (after !== null)
    out.push({ kind: 'routine_30d', dueAt: new Date(r.completedAt.getTime() + after * DAY) });
  if (!r.takerInTeam)
    out.push({
      kind: 'front_line_follow_up',
      dueAt: new Date(r.completedAt.getTime() + s.frontLineAfterDays * DAY),
    });
  return out;
}

export const hours = (n: number) => n * HOUR;
export const days = (n: number) => n * DAY;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** KPI figures from the submitted cards and the revisits of a period. */
export function computeRatingFigures(
  cards: (RatingScores & {
    comment: string | null;
    replyDueAt: Date | null;
    repliedAt: Date | null;
  })[],
  revisits: { status: string; dueAt: Date; completedAt: Date | null }[],
  now: Date,
  threshold = RATING_DEFAULTS.lowScoreThreshold,
): RatingFigures {
  const avg = (c: (typeof RATING_CRITERIA)[number]) =>
    round2(cards.reduce((s, x) => s + x[c], 0) / cards.length);
  const commented = cards.filter((c) => c.comment);
  const repliedOnTime = commented.filter((c) => replyState(c, now) === 'on_time').length;
  let doneOnTime = 0;
  let doneLate = 0;
  let overdue = 0;
  for (const r of revisits) {
    if (r.status === 'done') {
      if (r.completedAt && r.completedAt <= r.dueAt) doneOnTime++;
      else doneLate++;
    } else if (now > r.dueAt) overdue++;
  }
  const decided = doneOnTime + doneLate + overdue;
  return {
    rated: cards.length,
    averages: cards.length
      ? {
          punctuality: avg('punctuality'),
          attitude: avg('attitude'),
          skill: avg('skill'),
          tidiness: avg('tidiness'),
          overall: avg('overall'),
        }
      : null,
    lowScores: cards.filter((c) => lowCriteria(c, threshold).length > 0).length,
    comments: commented.length,
    commentsRepliedOnTime: repliedOnTime,
    replyOnTimeShare: commented.length ? round2(repliedOnTime / commented.length) : null,
    revisits: {
      due: revisits.length,
      doneOnTime,
      doneLate,
      overdue,
      onTimeShare: decided ? round2(doneOnTime / decided) : null,
    },
  };
}
