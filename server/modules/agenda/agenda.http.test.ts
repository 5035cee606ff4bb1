import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import type { AgendaService } from './index.js';

// Friday 2026-11-27 10:00 in Beijing (ISO week 2026-W48).
const NOW = new Date('2026-11-27T02:00:00Z');

let database: Database;
let app: FastifyInstance;
let c: Container;
let agenda: AgendaService;
let estate: TestEstate;
let other: TestEstate;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

function call(who: string, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
}

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  cookies[username] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}

beforeAll(async () => {
  database = await createTestDb();
  const clock = new FixedClock(NOW);
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  agenda = c.agenda;
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 3 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultPlan(db, estate.id, NOW);
  await seedDefaultPlan(db, other.id, NOW);
  ids.sup = await createStaff(db, 'sup', 'env_supervisor', [estate], 'environment');
  ids.guard = await createStaff(db, 'guard', 'guard', [estate], 'security');
  ids.guard2 = await createStaff(db, 'guard2', 'guard', [estate], 'security');
  ids.manager = await createStaff(db, 'manager', 'manager', [estate], 'management');
  ids.foreign = await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  for (const u of ['sup', 'guard', 'guard2', 'manager', 'foreignmgr']) await login(u);
  for (let i = 0; i < 6; i++)
    ids[`h${i}`] = (
      await c.households.create(systemActor([estate.id]), {
        estateId: estate.id,
        roomId: estate.roomIds[i]!,
        occupancy: 'owner_occupied',
      })
    ).id;
  await agenda.tick(estate.id);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the agenda over HTTP', () => {
  it('the OpenAPI contract lists the agenda operations', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const ops = Object.values(r.json().paths as Record<string, Record<string, any>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    for (const op of ['getAgenda', 'completeTask', 'getKpiBoard']) expect(ops).toContain(op);
  });

  it('a supervisor sees the visits owed this week with suggestions; a recorded visit moves it', async () => {
    const r = await call('sup', { method: 'GET', url: '/api/agenda' });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a).toMatchObject({
      estateId: estate.id,
      date: '2026-11-27',
      week: { start: '2026-11-23', end: '2026-11-30' },
    });
    expect(a.owed).toEqual([
      expect.objectContaining({ measureCode: 'E1', periodKey: '2026-W48', done: 0, target: 2, remaining: 2 }),
    ]);
    expect(a.suggestions).toHaveLength(5);
    expect(a.today[0]).toMatchObject({ title: '本周走访 2 户（E1）', status: 'open', overdue: false });
    expect(a.requests).toEqual({ open: 0, more: false, items: [] });
    const v = await call('sup', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: a.suggestions[0].householdId, kind: 'routine' },
    });
    expect(v.statusCode, v.body).toBe(201);
    const b = (
      await call('sup', { method: 'GET', url: '/api/agenda', headers: { 'accept-language': 'en' } })
    ).json();
    expect(b.owed[0]).toMatchObject({ done: 1, remaining: 1 });
    expect(b.today[0]).toMatchObject({
      title: 'Visit 2 households this week (E1)',
      evidence: { visitIds: [v.json().id] },
    });
  });

  it("a guard gets 403 for someone else's agenda; a supervisor reads the guard's", async () => {
    expect((await call('guard', { method: 'GET', url: `/api/agenda?assignee=${ids.sup}` })).statusCode).toBe(
      403,
    );
    const own = await call('guard', { method: 'GET', url: '/api/agenda?assignee=me' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ owed: [], suggestions: [] });
    const team = await call('sup', { method: 'GET', url: `/api/agenda?assignee=${ids.guard}` });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json().assignee).toMatchObject({ id: ids.guard, role: 'guard' });
  });

  it('a manager of another estate gets 404 for an agenda and the KPI board outside it', async () => {
    expect(
      (await call('foreignmgr', { method: 'GET', url: `/api/agenda?assignee=${ids.sup}` })).statusCode,
    ).toBe(404);
    expect(
      (await call('foreignmgr', { method: 'GET', url: `/api/estates/${estate.id}/kpi` })).statusCode,
    ).toBe(404);
    expect((await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/kpi` })).statusCode).toBe(
      403,
    );
  });

  it('the KPI board names every measure; E1 counts this week; bad periods are 400', async () => {
    const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/kpi?period=2026-W48` });
    expect(r.statusCode, r.body).toBe(200);
    const board = r.json();
    expect(board.period).toEqual({ key: '2026-W48', start: '2026-11-23', end: '2026-11-30' });
    expect(board.rows.map((x: any) => x.measureCode)).toHaveLength(49);
    const e1 = board.rows.find((x: any) => x.measureCode === 'E1');
    // Two people owe E1 here (the supervisor and the manager); the week is still in progress.
    expect(e1).toMatchObject({ status: 'ok', target: 2, owed: 2, met: 0, actual: 1 });
    expect(e1.periods[0].inProgress).toBe(true);
    expect(e1.trend).toHaveLength(12);
    expect(board.rows.find((x: any) => x.measureCode === 'S1')).toMatchObject({ status: 'no_commitment' });
    // No revisit due yet: a figure of nothing owed, not a made-up share.
    expect(board.rows.find((x: any) => x.measureCode === 'T4')).toMatchObject({
      status: 'ok',
      owed: 0,
      compliance: null,
    });
    expect(board.rows.find((x: any) => x.measureCode === 'C9')).toMatchObject({ status: 'no_data' });
    expect(board.headline.text).toMatch(/^本周承诺兑现 \d+ \/ \d+$/);
    for (const bad of ['2026-13', '2026-W54', 'nope'])
      expect(
        (await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/kpi?period=${bad}` }))
          .statusCode,
      ).toBe(400);
  });

  it('completes a manual task once; quota tasks complete themselves', async () => {
    const quota = (await call('sup', { method: 'GET', url: '/api/agenda' })).json().today[0];
    const q = await call('sup', {
      method: 'POST',
      url: `/api/agenda/tasks/${quota.id}/complete`,
      payload: {},
    });
    expect(q.statusCode).toBe(422);
    expect(q.json().error.code).toBe('TASK_COMPLETES_ITSELF');

    const input = {
      estateId: estate.id,
      measureCode: 'E15',
      assigneeId: ids.guard!,
      subject: 'req-1',
      periodKey: '2026-11-27',
      titleZh: '回访 1-1-101',
      titleEn: 'Revisit 1-1-101',
      dueAt: new Date('2026-11-28T10:00:00Z'),
    };
    expect(await agenda.createTask(input)).toEqual({ created: true });
    expect(await agenda.createTask(input)).toEqual({ created: false });
    const mine = (await call('guard', { method: 'GET', url: '/api/agenda' })).json();
    const task = mine.today.find((t: any) => t.measureCode === 'E15');
    expect(task).toMatchObject({ kind: 'manual', status: 'open' });
    const url = `/api/agenda/tasks/${task.id}/complete`;
    expect((await call('guard2', { method: 'POST', url, payload: {} })).statusCode).toBe(403);
    expect((await call('foreignmgr', { method: 'POST', url, payload: {} })).statusCode).toBe(404);
    const done = await call('guard', { method: 'POST', url, payload: { evidence: { note: '已电话回访' } } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', evidence: { note: '已电话回访' } });
    expect((await call('guard', { method: 'POST', url, payload: {} })).statusCode).toBe(409);
  });
});
