import { describe, expect, it } from 'vitest';
import {
  computeRatingFigures,
  lowCriteria,
  missingAnalysis,
  replyState,
  revisitState,
  revisitsOnCompletion,
} from './rating.rules.js';

const at = (s: string) => new Date(s);
const DAY = 86_400_000;

describe('rating rules', () => {
  it('a score at or below the threshold in any criterion is low', () => {
    const s = { punctuality: 5, attitude: 4, skill: 4, tidiness: 4, overall: 4 };
    expect(lowCriteria(s, 3)).toEqual([]);
    expect(lowCriteria({ ...s, tidiness: 3 }, 3)).toEqual(['tidiness']);
    expect(lowCriteria({ ...s, overall: 2, attitude: 1 }, 3)).toEqual(['attitude', 'overall']);
    expect(lowCriteria({ ...s, overall: 3 }, 2)).toEqual([]);
  });

  it('reply state against the deadline', () => {
    const due = at('2026-11-29T02:00:00Z');
    const now = at('2026-11-28T00:00:00Z');
    expect(replyState({ comment: null, replyDueAt: null, repliedAt: null }, now)).toBe('none');
    expect(replyState({ comment: 'x', replyDueAt: due, repliedAt: null }, now)).toBe('pending');
    expect(replyState({ comment: 'x', replyDueAt: due, repliedAt: null }, at('2026-11-29T02:00:01Z'))).toBe(
      'overdue',
    );
    expect(replyState({ comment: 'x', replyDueAt: due, repliedAt: due }, now)).toBe('on_time');
    expect(replyState({ comment: 'x', replyDueAt: due, repliedAt: at('2026-11-30T00:00:00Z') }, now)).toBe(
      'late',
    );
  });

  it('a revisit is overdue once open past its due time', () => {
    const dueAt = at('2026-12-27T02:00:00Z');
    expect(revisitState({ status: 'open', dueAt }, at('2026-12-27T02:00:00Z'))).toBe('open');
    expect(revisitState({ status: 'open', dueAt }, at('2026-12-27T02:00:01Z'))).toBe('overdue');
    expect(revisitState({ status: 'done', dueAt }, at('2027-01-27T02:00:00Z'))).toBe('done');
  });

  it('a low-score revisit needs a written analysis and adjustment; others do not', () => {
    expect(missingAnalysis('low_score', {})).toEqual(['analysis', 'adjustment']);
    expect(
      missingAnalysis('low_score', { analysis: '   短   ', adjustment: '派单前查看在手工单数量' }),
    ).toEqual(['analysis']);
    expect(missingAnalysis('routine_30d', {})).toEqual([]);
  });

  it('follow-ups on completion: routine after the policy days, front-line when taken outside the team', () => {
    const completedAt = at('2026-11-27T02:00:00Z');
    const base = { completedAt, teamCode: 'technical' };
    expect(revisitsOnCompletion({ ...base, takerInTeam: true, afterDays: 30 })).toEqual([
      { kind: 'routine_30d', dueAt: new Date(completedAt.getTime() + 30 * DAY) },
    ]);
    expect(revisitsOnCompletion({ ...base, takerInTeam: false, afterDays: 7 })).toEqual([
      { kind: 'routine_30d', dueAt: new Date(completedAt.getTime() + 7 * DAY) },
      { kind: 'front_line_follow_up', dueAt: new Date(completedAt.getTime() + 7 * DAY) },
    ]);
    expect(revisitsOnCompletion({ ...base, takerInTeam: true, afterDays: null })).toEqual([]);
    expect(revisitsOnCompletion({ ...base, takerInTeam: true, afterDays: undefined })[0]!.dueAt).toEqual(
      new Date(completedAt.getTime() + 30 * DAY),
    );
  });

  it("the plan's T6 moves entries on the standard month; an entry's own number stays", () => {
    const completedAt = at('2026-12-02T02:00:00Z');
    const base = { completedAt, teamCode: 'technical', takerInTeam: true };
    const plan = { routineAfterDays: 21, frontLineAfterDays: 3 };
    const due = (afterDays: number | null | undefined) =>
      revisitsOnCompletion({ ...base, afterDays }, plan).map(
        (r) => (r.dueAt.getTime() - completedAt.getTime()) / DAY,
      );
    expect(due(30)).toEqual([21]);
    expect(due(undefined)).toEqual([21]);
    expect(due(14)).toEqual([14]);
    expect(due(null)).toEqual([]);
    expect(
      revisitsOnCompletion({ ...base, takerInTeam: false, afterDays: 30 }, plan).map((r) => r.kind),
    ).toEqual(['routine_30d', 'front_line_follow_up']);
  });

  it('figures count replies in time and revisits done on time, late and overdue', () => {
    const now = at('2026-12-10T00:00:00Z');
    const card = (overall: number, comment: string | null, repliedAt: Date | null) => ({
      punctuality: 5,
      attitude: 4,
      skill: 4,
      tidiness: 3,
      overall,
      comment,
      replyDueAt: comment ? at('2026-12-01T00:00:00Z') : null,
      repliedAt,
    });
    const f = computeRatingFigures(
      [card(5, null, null), card(2, '慢', at('2026-11-30T00:00:00Z')), card(4, '脏', null)],
      [
        { status: 'done', dueAt: at('2026-12-01T00:00:00Z'), completedAt: at('2026-11-30T00:00:00Z') },
        { status: 'done', dueAt: at('2026-12-01T00:00:00Z'), completedAt: at('2026-12-02T00:00:00Z') },
        { status: 'open', dueAt: at('2026-12-05T00:00:00Z'), completedAt: null },
        { status: 'open', dueAt: at('2026-12-20T00:00:00Z'), completedAt: null },
      ],
      now,
    );
    expect(f).toEqual({
      rated: 3,
      averages: { punctuality: 5, attitude: 4, skill: 4, tidiness: 3, overall: 3.67 },
      lowScores: 3,
      comments: 2,
      commentsRepliedOnTime: 1,
      replyOnTimeShare: 0.5,
      revisits: { due: 4, doneOnTime: 1, doneLate: 1, overdue: 1, onTimeShare: 0.33 },
    });
    expect(computeRatingFigures([], [], now).averages).toBeNull();
  });
});
