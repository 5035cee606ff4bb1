import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commitment } from '../../../contract/plan.js';
import { engineName } from '../../../test/helpers/test-db.js';
import { seedDefaultPlan } from '../plan/index.js';
import { deadlinesFromPlan } from './rating.deadlines.js';
import { buildRatingFixture, type RatingFixture } from './rating.fixture.js';
import { RATING_DEFAULTS } from './rating.rules.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('deadlinesFromPlan', () => {
  const followup = (trigger: string, unit: 'hours' | 'days', targets: [string, number][], active = true) =>
    ({
      id: trigger,
      code: trigger,
      measureId: 'm',
      measureCode: 'X',
      kind: 'event_followup',
      config: {
        kind: 'event_followup',
        trigger,
        timing: 'within',
        unit,
        assignTo: 'team',
        roles: ['technician'],
        period: 'month',
      },
      active,
      unit,
      currentPeriodStart: '2026-11-01',
      target: null,
      next: null,
      targets: targets.map(([effectiveFrom, target]) => ({
        effectiveFrom,
        target,
        createdAt: '',
        createdBy: null,
      })),
    }) as Commitment;

  it('takes the target in effect on the day of the event, in the unit of the deadline', () => {
    const plan = [
      followup('low_score', 'days', [['2026-01-01', 2]]),
      followup('job_completed', 'days', [
        ['2026-01-01', 30],
        ['2026-12-01', 21],
      ]),
      followup('help_given', 'hours', [['2026-01-01', 72]]),
    ];
    expect(deadlinesFromPlan(plan, '2026-11-30', RATING_DEFAULTS)).toEqual({
      lowScoreDueHours: 48,
      routineAfterDays: 30,
      frontLineAfterDays: 3,
    });
    expect(deadlinesFromPlan(plan, '2026-12-01', RATING_DEFAULTS).routineAfterDays).toBe(21);
  });

  it('keeps the defaults without a commitment, before its first target, or when it is switched off', () => {
    const plan = [
      followup('low_score', 'hours', [['2026-06-01', 24]]),
      followup('job_completed', 'days', [['2026-01-01', 14]], false),
    ];
    expect(deadlinesFromPlan(plan, '2026-05-31', RATING_DEFAULTS)).toEqual({
      lowScoreDueHours: 48,
      routineAfterDays: 30,
      frontLineAfterDays: 7,
    });
    expect(deadlinesFromPlan(plan, '2026-06-01', RATING_DEFAULTS).lowScoreDueHours).toBe(24);
  });
});

describe(`revisit deadlines follow the estate's plan (${engineName})`, () => {
  let f: RatingFixture;
  let commitmentId: Record<string, string>;

  beforeAll(async () => {
    f = await buildRatingFixture();
    await seedDefaultPlan(f.database.db, f.estate.id, f.clock.now());
    const rows = await f.database.db
      .selectFrom('commitments')
      .select(['id', 'code'])
      .where('estate_id', '=', f.estate.id)
      .execute();
    commitmentId = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });
  afterAll(async () => f?.close());

  const revisitsOf = async (requestId: string) => {
    const r = await f.call('mgr', { method: 'GET', url: `/api/revisits?estateId=${f.estate.id}&limit=200` });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { requestId: string; kind: string; dueAt: string }[];
    return Object.fromEntries(items.filter((x) => x.requestId === requestId).map((x) => [x.kind, x.dueAt]));
  };
  const rateLow = async (requestId: string) => {
    const link = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/service-requests/${requestId}/rating-link`,
    });
    expect(link.statusCode, link.body).toBe(200);
    const token = (link.json().path as string).slice(3);
    const r = await f.call(undefined, {
      method: 'POST',
      url: `/api/public/rating-cards/${token}`,
      payload: { punctuality: 2, attitude: 4, skill: 4, tidiness: 4, overall: 2, comment: '来晚了' },
      remoteAddress: '203.0.113.9',
    });
    expect(r.statusCode, r.body).toBe(200);
    return f.clock.now().getTime();
  };
  const setTarget = async (code: string, target: number, effectiveFrom?: string) => {
    const r = await f.call('mgr', {
      method: 'PUT',
      url: `/api/estates/${f.estate.id}/plan/commitments/${commitmentId[code]}/target`,
      payload: { target, ...(effectiveFrom ? { effectiveFrom } : {}) },
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  it('editing T4, T6 and E15 moves the deadlines of later events only', async () => {
    // Before any edit: the plan's defaults (48 h, 30 days, 7 days).
    const first = await f.completedRequest();
    const firstDone = f.clock.now().getTime();
    f.clock.advance(HOUR);
    const firstRated = await rateLow(first);
    const before = {
      low_score: iso(firstRated + 48 * HOUR),
      routine_30d: iso(firstDone + 30 * DAY),
      front_line_follow_up: iso(firstDone + 7 * DAY),
    };
    expect(await revisitsOf(first)).toEqual(before);

    // The manager edits the commitments: T4 and E15 from today, T6 from next month (its default).
    await setTarget('T4.low_score_revisit', 24, '2026-11-27');
    await setTarget('E15.followup', 3, '2026-11-27');
    await setTarget('T6.revisit', 21);

    // Revisits created before the edit keep their deadlines.
    expect(await revisitsOf(first)).toEqual(before);

    // Events after the edit: T4 and E15 shorter now; T6 unchanged until December.
    f.clock.advance(HOUR);
    const second = await f.completedRequest();
    const secondDone = f.clock.now().getTime();
    f.clock.advance(HOUR);
    const secondRated = await rateLow(second);
    expect(await revisitsOf(second)).toEqual({
      low_score: iso(secondRated + 24 * HOUR),
      routine_30d: iso(secondDone + 30 * DAY),
      front_line_follow_up: iso(secondDone + 3 * DAY),
    });

    // From 1 December (Beijing), a completed repair is revisited 21 days later.
    f.clock.set(new Date('2026-11-30T16:30:00Z'));
    const third = await f.completedRequest();
    const thirdDone = f.clock.now().getTime();
    expect((await revisitsOf(third)).routine_30d).toBe(iso(thirdDone + 21 * DAY));
    // …and the earlier ones still have theirs.
    expect(await revisitsOf(first)).toEqual(before);
  });
});
