import type { Commitment } from '../../../contract/plan.js';
import { targetFor } from '../plan/index.js';
import type { RatingSettings } from './rating.rules.js';

/** The revisit deadlines that the plan's follow-up commitments (T4, T6, E15) govern. */
export type FollowupDeadlines = Pick<
  RatingSettings,
  'lowScoreDueHours' | 'routineAfterDays' | 'frontLineAfterDays'
>;

/** An estate's commitments with all their target versions (the plan service's `commitmentsOf`). */
export type PlanCommitmentsFn = (estateId: string) => Promise<Commitment[]>;

/** Which plan trigger sets which deadline, and in which unit the deadline is kept. */
const GOVERNED: [keyof FollowupDeadlines, string, 'hours' | 'days'][] = [
  ['lowScoreDueHours', 'low_score', 'hours'], // T4: a revisit within 48 hours of a low score
  ['routineAfterDays', 'job_completed', 'days'], // T6: a revisit a month after the repair
  ['frontLineAfterDays', 'help_given', 'days'], // E15: a follow-up of whoever was helped
];

/**
 * The deadlines in effect on `date` (YYYY-MM-DD in the estate's time zone, the day of the
 * event): for each trigger, the target of the estate's active follow-up commitment that is in
 * effect on that day, converted to the deadline's unit; the defaults where the estate has no
 * such commitment (or no target yet on that day). A target changed from a later date therefore
 * moves only the revisits of events on or after that date.
 */
export function deadlinesFromPlan(
  commitments: readonly Commitment[],
  date: string,
  defaults: FollowupDeadlines,
): FollowupDeadlines {
  const out: FollowupDeadlines = {
    lowScoreDueHours: defaults.lowScoreDueHours,
    routineAfterDays: defaults.routineAfterDays,
    frontLineAfterDays: defaults.frontLineAfterDays,
  };
  for (const [key, trigger, unit] of GOVERNED) {
    const c = commitments.find(
      (x) => x.active && x.config.kind === 'event_followup' && x.config.trigger === trigger,
    );
    if (c?.config.kind !== 'event_followup') continue;
    const target = targetFor(c, date);
    if (target === null || !(target > 0)) continue;
    const from = c.config.unit;
    out[key] = from === unit ? target : from === 'days' ? target * 24 : target / 24;
  }
  return out;
}
