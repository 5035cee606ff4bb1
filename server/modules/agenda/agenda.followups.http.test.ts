import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiRow } from '../../../contract/agenda.js';
import { engineName } from '../../../test/helpers/test-db.js';
import { createContainer } from '../../container.js';
import { seedDefaultPlan } from '../plan/index.js';
import { buildRatingFixture, type RatingFixture } from '../ratings/rating.fixture.js';
import { createAgendaService } from './index.js';

// Event-triggered follow-ups (T4, T6, E15) end to end over HTTP: a repair done and rated low
// makes revisits; they appear on their owners' agendas, complete with the revisit, and move the
// KPI board. And guards record the S2 home safety checks.

let f: RatingFixture;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  f = await buildRatingFixture();
  await seedDefaultPlan(f.database.db, f.estate.id, f.clock.now());
});
afterAll(async () => f?.close());

/** An agenda service of its own, as a second process would have. */
function agendaProcess() {
  const c = createContainer({ db: f.database.db, clock: f.clock });
  return createAgendaService({
    db: f.database.db,
    clock: f.clock,
    audit: c.audit,
    plan: c.plan,
    visits: c.visits,
    serviceRequests: c.serviceRequests,
  });
}

async function agendaOf(who: string, lang = 'zh-CN') {
  const r = await f.call(who, { method: 'GET', url: '/api/agenda', headers: { 'accept-language': lang } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function board(period?: string): Promise<KpiRow[]> {
  const r = await f.call('mgr', {
    method: 'GET',
    url: `/api/estates/${f.estate.id}/kpi${period ? `?period=${period}` : ''}`,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().rows;
}
const rowOf = (rows: KpiRow[], code: string) => rows.find((r) => r.measureCode === code)!;
async function revisitOf(who: string, kind: string) {
  const r = await f.call(who, { method: 'GET', url: `/api/revisits?estateId=${f.estate.id}&kind=${kind}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items[0];
}
const revisitTasks = () =>
  f.database.db
    .selectFrom('agenda_tasks')
    .select(['subject', 'assignee_id', 'measure_code', 'status'])
    .where('estate_id', '=', f.estate.id)
    .where('kind', '=', 'revisit')
    .execute();

describe(`revisits on the agenda and the KPI board (${engineName})`, () => {
  let requestId: string;
  let completedAt: number;
  let lowId: string;

  it('before any revisit: the follow-up rows have a figure of nothing owed, not a made-up one', async () => {
    const rows = await board();
    for (const code of ['T4', 'T6', 'E15'])
      expect(rowOf(rows, code)).toMatchObject({ status: 'ok', owed: 0, met: 0, compliance: null, actual: 0 });
  });

  it('a low score puts a T4 revisit on the supervisor’s agenda today, due in 48 hours', async () => {
    requestId = await f.completedRequest();
    completedAt = f.clock.now().getTime();
    const link = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/service-requests/${requestId}/rating-link`,
    });
    const token = link.json().path.slice(3) as string;
    f.clock.advance(HOUR);
    const rated = await f.call(undefined, {
      method: 'POST',
      url: `/api/public/rating-cards/${token}`,
      payload: { punctuality: 4, attitude: 4, skill: 4, tidiness: 4, overall: 2 },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    lowId = (await revisitOf('squad', 'low_score')).id;

    const a = await agendaOf('squad');
    const task = a.today.find((t: any) => t.kind === 'revisit');
    expect(task).toMatchObject({
      measureCode: 'T4',
      status: 'open',
      overdue: false,
      subject: lowId,
      dueAt: new Date(f.clock.now().getTime() + 48 * HOUR).toISOString(),
      evidence: { revisitIds: [lowId], requestIds: [requestId] },
    });
    expect(task.title).toContain('低分回访');
    expect((await agendaOf('squad', 'en')).today.find((t: any) => t.kind === 'revisit').title).toMatch(
      /^Low-score revisit.*\(T4\)$/,
    );
    // The guard who took the request owes the E15 follow-up (within 7 days): on today's agenda.
    expect((await agendaOf('guard')).today.map((t: any) => t.measureCode)).toContain('E15');
    // The technician's one-month revisit (T6) is not on today's agenda three weeks early.
    const tech = await agendaOf('zhang_tech');
    expect([...tech.today, ...tech.thisWeek].some((t: any) => t.kind === 'revisit')).toBe(false);
  });

  it('the tick twice, and in two processes at once, makes each revisit task once', async () => {
    await agendaProcess().tick(f.estate.id);
    await agendaProcess().tick(f.estate.id);
    await Promise.all([agendaProcess().tick(f.estate.id), agendaProcess().tick(f.estate.id)]);
    const tasks = await revisitTasks();
    expect(tasks.map((t) => t.measure_code).sort()).toEqual(['E15', 'T4', 'T6']);
    expect(new Set(tasks.map((t) => t.subject)).size).toBe(3);
  });

  it('the task cannot be ticked off by hand: completing the revisit completes it (evidence linked)', async () => {
    const task = (await agendaOf('squad')).today.find((t: any) => t.kind === 'revisit');
    const hand = await f.call('squad', {
      method: 'POST',
      url: `/api/agenda/tasks/${task.id}/complete`,
      payload: {},
    });
    expect(hand.statusCode).toBe(422);
    expect(hand.json().error.code).toBe('TASK_FOLLOWS_REVISIT');
    expect(rowOf(await board(), 'T4')).toMatchObject({ owed: 0, met: 0, actual: 0 });

    f.clock.advance(20 * HOUR);
    const done = await f.call('squad', {
      method: 'POST',
      url: `/api/revisits/${lowId}/complete`,
      payload: {
        analysis: '派单时未考虑师傅手上已有两单，导致上门迟到',
        adjustment: '派单前查看在手工单，超过一单时改派或提前告知住户',
        outcome: '已上门致歉，住户表示理解',
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    const a = await agendaOf('squad');
    expect(a.today.some((t: any) => t.id === task.id)).toBe(false);
    expect(a.thisWeek.find((t: any) => t.id === task.id)).toMatchObject({
      status: 'done',
      doneAt: f.clock.now().toISOString(),
      evidence: { revisitIds: [lowId] },
    });
  });

  it('the KPI board counts T4 kept on time, by team and person, with the revisit as evidence', async () => {
    const t4 = rowOf(await board(), 'T4');
    expect(t4).toMatchObject({
      status: 'ok',
      target: 48,
      unit: 'hours',
      actual: 1,
      owed: 1,
      met: 1,
      compliance: 1,
      evidence: { type: 'revisit', ids: [lowId], truncated: false },
    });
    expect(t4.byTeam).toEqual([{ team: 'technical', owed: 1, met: 1, compliance: 1 }]);
    expect(t4.byPerson).toMatchObject([{ accountId: f.ids.squad, actual: 1, met: 1, evidenceIds: [lowId] }]);
    expect(t4.trend).toHaveLength(12);
    expect(t4.trend!.at(-1)!.compliance).toBe(1);
  });

  it('a follow-up past its due time is overdue (red) on the agenda and a missed promise on the board', async () => {
    f.clock.set(new Date(completedAt + 8 * DAY));
    const overdue = (await agendaOf('guard')).overdue.find((t: any) => t.kind === 'revisit');
    expect(overdue).toMatchObject({ measureCode: 'E15', overdue: true, status: 'open' });
    expect(rowOf(await board(), 'E15')).toMatchObject({ owed: 1, met: 0, compliance: 0, actual: 0 });
  });

  it('T6: done a few days after the month, within its grace days, is kept; the board of that month says so', async () => {
    f.clock.set(new Date(completedAt + 33 * DAY));
    const rv = await revisitOf('zhang_tech', 'routine_30d');
    // Three days past due: red on the technician's agenda …
    expect((await agendaOf('zhang_tech')).overdue.map((t: any) => t.subject)).toContain(rv.id);
    const done = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/revisits/${rv.id}/complete`,
      payload: { outcome: '住户反馈水龙头使用正常' },
    });
    expect(done.statusCode, done.body).toBe(200);
    await agendaProcess().tick(f.estate.id);
    expect((await revisitTasks()).find((t) => t.subject === rv.id)?.status).toBe('done');
    // … but within T6's 7 grace days: kept.
    expect(rowOf(await board('2026-12'), 'T6')).toMatchObject({ owed: 1, met: 1, compliance: 1, actual: 1 });
  });
});

describe(`guards record S2 home safety checks (${engineName})`, () => {
  it('a guard records a safety check, not another kind of visit; S2 on the board moves', async () => {
    const s2Before = rowOf(await board(), 'S2');
    const routine = await f.call('guard', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: f.plainHousehold, kind: 'routine' },
    });
    expect(routine.statusCode).toBe(403);
    expect(routine.json().error.code).toBe('SAFETY_CHECK_ONLY');
    const check = await f.call('guard', {
      method: 'POST',
      url: '/api/visits',
      payload: {
        householdId: f.plainHousehold,
        kind: 'safety_check',
        notes: '燃气报警器、门窗、阳台栏杆已检查',
        writeBack: { hobbies: ['下棋'] },
      },
    });
    expect(check.statusCode, check.body).toBe(201);
    // Least privilege: the guard may not edit the archive through the visit form.
    expect(check.json().writeBack.status).toBe('not_permitted');
    const s2 = rowOf(await board(), 'S2');
    expect(s2.met).toBe((s2Before.met ?? 0) + 1);
    expect(s2.byPerson.find((p) => p.accountId === f.ids.guard)?.actual).toBe(1);
    expect(s2.evidence.ids).toContain(check.json().id);
  });
});
