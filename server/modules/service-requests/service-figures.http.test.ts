import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../../test/helpers/test-db.js';
import { buildRatingFixture, type RatingFixture } from '../ratings/rating.fixture.js';

let f: RatingFixture;
beforeAll(async () => {
  f = await buildRatingFixture();
});
afterAll(async () => f?.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

async function create(code: string) {
  const r = await f.call('guard', {
    method: 'POST',
    url: '/api/service-requests',
    payload: {
      estateId: f.estate.id,
      householdId: f.plainHousehold,
      catalogId: f.catalog[code],
      channel: 'on_site',
      description: '住户报修',
    },
  });
  ok(r, 201);
  return r.json().id as string;
}
const post = (who: string, url: string, payload?: object) =>
  f.call(who, { method: 'POST', url, ...(payload ? { payload } : {}) });
async function rate(who: string, requestId: string, overall: number, comment: string) {
  const link = await post(who, `/api/service-requests/${requestId}/rating-link`);
  ok(link);
  const token = (link.json().path as string).split('/').pop()!;
  const r = await f.call(undefined, {
    method: 'POST',
    url: `/api/public/rating-cards/${token}`,
    payload: { punctuality: 4, attitude: 4, skill: 4, tidiness: 4, overall, comment },
    remoteAddress: '203.0.113.9',
  });
  ok(r);
  return link.json().cardId as string;
}
async function lowScoreRevisit(requestId: string) {
  const r = await f.call('squad', {
    method: 'GET',
    url: `/api/revisits?estateId=${f.estate.id}&kind=low_score`,
  });
  ok(r);
  return (r.json().items as any[]).find((x) => x.requestId === requestId).id as string;
}
const figures = async (who: string, query: string) =>
  f.call(who, { method: 'GET', url: `/api/estates/${f.estate.id}/service-figures?${query}` });

describe(`service figures for the KPI board (${engineName})`, () => {
  it('a job on time, a late one, replies and revisits on time and late → the exact figures', async () => {
    // t0 = 2026-11-27 10:00 Shanghai. A: a free unblocking by Zhang, within both targets.
    const a = await create('T11.toilet_unblock');
    const b = await create('T8.faucet');
    f.clock.advance(10 * MIN);
    ok(await post('zhang_tech', `/api/service-requests/${a}/accept`));
    f.clock.advance(50 * MIN);
    ok(
      await post('zhang_tech', `/api/service-requests/${a}/complete`, {
        minutesSpent: 30,
        materials: [{ name: '疏通剂', quantity: 1, costFen: 500 }],
      }),
    );
    const cardA = await rate('zhang_tech', a, 2, '等了比较久');
    ok(await post('zhang_tech', `/api/rating-cards/${cardA}/reply`, { text: '抱歉，已改进' }));
    // B: the squad leader accepts after 3 h (target 2 h) and completes after 26 h (target 24 h).
    f.clock.advance(2 * HOUR);
    ok(await post('squad', `/api/service-requests/${b}/accept`));
    f.clock.advance(23 * HOUR);
    ok(await post('squad', `/api/service-requests/${b}/complete`, { minutesSpent: 20 }));
    const cardB = await rate('squad', b, 1, '拖了一天多');
    // A's low-score revisit is done the next day (on time); B's stays open past its 48 h.
    ok(
      await post('squad', `/api/revisits/${await lowScoreRevisit(a)}/complete`, {
        analysis: '高峰期排队，响应后一小时才上门完成',
        adjustment: '高峰期增加值班人手，提前告知住户等待时间',
        outcome: '已电话致歉，住户表示理解',
      }),
    );
    f.clock.advance(54 * HOUR); // 2026-11-30 16:00 Shanghai: B's reply and revisit deadlines passed
    ok(await post('squad', `/api/rating-cards/${cardB}/reply`, { text: '抱歉回复晚了' }));

    const r = await figures('mgr', 'from=2026-11-01&to=2026-11-30');
    ok(r);
    const body = r.json();
    const zhang = {
      created: 1,
      completed: 1,
      cancelled: 0,
      open: 0,
      avgResponseMinutes: 10,
      avgCompletionMinutes: 60,
      responseWithinTargetShare: 1,
      completionWithinTargetShare: 1,
      freeJobs: 1,
      freeMaterialCostFen: 500,
      chargedFen: 0,
      avgScore: 2,
      ratedCards: 1,
      commentsDue: 1,
      commentsRepliedInTime: 1,
      commentRepliedInTimeShare: 1,
      revisitsDue: 1,
      revisitsDoneOnTime: 1,
      revisitOnTimeShare: 1,
    };
    const squad = {
      created: 1,
      completed: 1,
      cancelled: 0,
      open: 0,
      avgResponseMinutes: 180,
      avgCompletionMinutes: 1560,
      responseWithinTargetShare: 0,
      completionWithinTargetShare: 0,
      freeJobs: 0,
      freeMaterialCostFen: 0,
      chargedFen: 3000,
      avgScore: 1,
      ratedCards: 1,
      commentsDue: 1,
      commentsRepliedInTime: 0,
      commentRepliedInTimeShare: 0,
      revisitsDue: 1,
      revisitsDoneOnTime: 0,
      revisitOnTimeShare: 0,
    };
    const total = {
      created: 2,
      completed: 2,
      cancelled: 0,
      open: 0,
      avgResponseMinutes: 95,
      avgCompletionMinutes: 810,
      responseWithinTargetShare: 0.5,
      completionWithinTargetShare: 0.5,
      freeJobs: 1,
      freeMaterialCostFen: 500,
      chargedFen: 3000,
      avgScore: 1.5,
      ratedCards: 2,
      commentsDue: 2,
      commentsRepliedInTime: 1,
      commentRepliedInTimeShare: 0.5,
      revisitsDue: 2,
      revisitsDoneOnTime: 1,
      revisitOnTimeShare: 0.5,
    };
    expect(body).toMatchObject({ ...total, from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Shanghai' });
    expect(body.byTeam).toEqual([{ team: 'technical', ...total }]);
    expect(body.byPerson).toHaveLength(2);
    expect(body.byPerson).toEqual(
      expect.arrayContaining([
        { personId: f.ids.zhang_tech, name: expect.any(String), ...zhang },
        { personId: f.ids.squad, name: expect.any(String), ...squad },
      ]),
    );

    // The default period is this month in the estate's time zone; filters narrow every figure.
    expect((await figures('squad', '')).json()).toEqual(body);
    const mine = (await figures('mgr', `assignee=${f.ids.zhang_tech}`)).json();
    expect(mine).toMatchObject(zhang);
    expect(mine.byPerson.map((p: any) => p.personId)).toEqual([f.ids.zhang_tech]);
    expect((await figures('mgr', 'team=environment')).json()).toMatchObject({
      created: 0,
      avgScore: null,
      revisitOnTimeShare: null,
      byTeam: [],
      byPerson: [],
    });
    // October holds none of it: the routine revisits due in December are not due yet either.
    expect((await figures('mgr', 'from=2026-10-01&to=2026-10-31')).json()).toMatchObject({ created: 0 });
    expect((await figures('mgr', 'from=2026-12-01&to=2026-12-31')).json()).toMatchObject({
      created: 0,
      revisitsDue: 0,
    });
  });

  it('bad dates are refused naming the field; technicians may not read figures', async () => {
    const bad = await figures('mgr', 'from=2026-02-30&to=2026-03-01');
    ok(bad, 400);
    expect(bad.json().error.message).toContain('from');
    const reversed = await figures('mgr', 'from=2026-11-10&to=2026-11-01');
    ok(reversed, 400);
    expect(reversed.json().error.message).toContain('to');
    ok(await figures('mgr', 'from=2025-11-30&to=2026-11-30'), 200);
    ok(await figures('mgr', 'from=2025-11-29&to=2026-11-30'), 400);
    const shape = await figures('mgr', 'from=20261101');
    ok(shape, 400);
    expect(shape.json().error.message).toContain('from');
    ok(await figures('zhang_tech', ''), 403);
  });
});
