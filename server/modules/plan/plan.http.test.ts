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
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { fromJson } from '../../lib/dates.js';
import { createPlanService, type PlanService, seedDefaultPlan, targetFor } from './index.js';

// Friday 2026-11-27 10:00 in Beijing: the week began Monday 11-23, the next begins 11-30.
const NOW = new Date('2026-11-27T02:00:00Z');

let database: Database;
let clock: FixedClock;
let app: FastifyInstance;
let plan: PlanService;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};

async function call(who: string | undefined, opts: InjectOptions) {
  return app.inject({
    ...opts,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(opts.headers ?? {}) },
  });
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

async function measure(code: string, estateId = estate.id) {
  const r = await call('manager', { method: 'GET', url: `/api/estates/${estateId}/plan/measures` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().find((m: any) => m.code === code);
}

async function count(table: 'plan_measures' | 'commitments' | 'commitment_targets', estateId: string) {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', estateId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(NOW);
  const container = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  plan = createPlanService({ db: database.db, clock, audit: container.audit });
  app = await buildApp({
    container,
    logLevel: 'silent',
    validateResponses: true,
  });
  await app.ready();
  estate = await createEstate(database.db, 'lvyuan', { buildings: 1, floors: 1 });
  other = await createEstate(database.db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultPlan(database.db, estate.id, NOW);
  await seedDefaultPlan(database.db, other.id, NOW);
  await createStaff(database.db, 'manager', 'manager', [estate], 'management');
  await createStaff(database.db, 'guard', 'guard', [estate], 'security');
  await createStaff(database.db, 'foreignmgr', 'manager', [other], 'management');
  await createStaff(database.db, 'admin', 'admin', []);
  for (const u of ['manager', 'guard', 'foreignmgr', 'admin']) await login(u);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('seeding the default plan', () => {
  it('gives the estate all 49 measures and the default commitments with their targets', async () => {
    const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/plan/measures` });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json();
    expect(items).toHaveLength(49);
    expect(items.slice(0, 3).map((m: any) => m.code)).toEqual(['S1', 'S2', 'S3']);
    expect(items.map((m: any) => m.code)).toContain('T11');
    const e1 = items.find((m: any) => m.code === 'E1');
    expect(e1.commitments).toHaveLength(1);
    expect(e1.commitments[0]).toMatchObject({
      code: 'E1.visits',
      kind: 'quota',
      target: 2,
      unit: 'visits',
      currentPeriodStart: '2026-11-23',
      next: null,
    });
    expect(items.find((m: any) => m.code === 'T9')).toMatchObject({ public: false, team: 'technical' });
    expect(await count('commitments', estate.id)).toBe(8);
  });

  it('seeding again, even twice at once, creates nothing new', async () => {
    const before = await Promise.all([
      count('plan_measures', estate.id),
      count('commitments', estate.id),
      count('commitment_targets', estate.id),
    ]);
    const again = await Promise.all([
      seedDefaultPlan(database.db, estate.id, NOW),
      seedDefaultPlan(database.db, estate.id, NOW),
    ]);
    expect(again).toEqual([
      { measures: 0, commitments: 0, targets: 0 },
      { measures: 0, commitments: 0, targets: 0 },
    ]);
    const after = await Promise.all([
      count('plan_measures', estate.id),
      count('commitments', estate.id),
      count('commitment_targets', estate.id),
    ]);
    expect(after).toEqual(before);
    expect(before).toEqual([49, 8, 8]);
  });

  it('two processes seeding a fresh estate at once create each row once', async () => {
    const fresh = await createEstate(database.db, 'fresh', { buildings: 1, floors: 1 });
    const results = await Promise.all([
      seedDefaultPlan(database.db, fresh.id, NOW),
      seedDefaultPlan(database.db, fresh.id, NOW),
    ]);
    expect(results.reduce((n, r) => n + r.measures, 0)).toBe(49);
    expect(results.reduce((n, r) => n + r.commitments, 0)).toBe(8);
    expect(await count('plan_measures', fresh.id)).toBe(49);
    expect(await count('commitment_targets', fresh.id)).toBe(8);
  });

  it('lists the six stages with their active measures', async () => {
    const r = await call('guard', { method: 'GET', url: `/api/estates/${other.id}/plan/stages` });
    expect(r.statusCode).toBe(404);
    const s = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/stages` });
    expect(s.statusCode, s.body).toBe(200);
    const stages = s.json();
    expect(stages.map((x: any) => x.name)).toEqual([
      '认识客户',
      '了解客户',
      '理解客户',
      '帮助客户',
      '感动客户',
      '成就客户',
    ]);
    expect(stages.reduce((n: number, x: any) => n + x.measures, 0)).toBe(49);
  });

  it('filters by team, stage and status', async () => {
    const sec = await call('guard', {
      method: 'GET',
      url: `/api/estates/${estate.id}/plan/measures?team=security`,
    });
    expect(sec.json().map((m: any) => m.code)).toEqual(Array.from({ length: 11 }, (_, i) => `S${i + 1}`));
    const fulfil = await call('guard', {
      method: 'GET',
      url: `/api/estates/${estate.id}/plan/measures?stage=fulfil`,
    });
    expect(fulfil.json().map((m: any) => m.code)).toEqual(['E16', 'E17']);
    const bad = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/measures?team=x` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('editing a measure', () => {
  it('a manager edits S7; history shows old → new; a stale version gets 412, none 428', async () => {
    const s7 = await measure('S7');
    expect(s7.version).toBe(1);
    const url = `/api/estates/${estate.id}/plan/measures/${s7.id}`;
    const ok = await call('manager', {
      method: 'PATCH',
      url,
      payload: { version: 1, textEn: 'Dogs on a leash, always', actionTime: 'all_year' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      version: 2,
      textEn: 'Dogs on a leash, always',
      actionTime: 'all_year',
    });
    expect(ok.headers.etag).toBe('"2"');

    const stale = await call('manager', { method: 'PATCH', url, payload: { version: 1, textZh: '覆盖' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const missing = await call('manager', { method: 'PATCH', url, payload: { textZh: '覆盖' } });
    expect(missing.statusCode).toBe(428);
    expect((await call('manager', { method: 'GET', url })).json().textZh).toBe('狗在小区必须牵养');

    const viaIfMatch = await call('manager', {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"2"' },
      payload: { purposeEn: 'No dog bites' },
    });
    expect(viaIfMatch.statusCode, viaIfMatch.body).toBe(200);
    expect(viaIfMatch.json().version).toBe(3);

    const h = await call('guard', { method: 'GET', url: `${url}/history` });
    expect(h.statusCode, h.body).toBe(200);
    const history = h.json();
    expect(history.map((x: any) => x.version)).toEqual([3, 2, 1]);
    expect(history[1].actorName).toBe('manager-name');
    expect(history[1].changes).toEqual(
      expect.arrayContaining([
        {
          field: 'textEn',
          old: 'Dogs must be kept on a leash in the estate',
          new: 'Dogs on a leash, always',
        },
        { field: 'actionTime', old: 'on_entry', new: 'all_year' },
      ]),
    );
    expect(history[2].changes[0]).toMatchObject({ field: 'created', old: null });

    const audited = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'plan.measure.update')
      .where('target_id', '=', s7.id)
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('a guard can read the plan but gets 403 editing it', async () => {
    const s1 = await measure('S1');
    const url = `/api/estates/${estate.id}/plan/measures/${s1.id}`;
    expect((await call('guard', { method: 'GET', url })).statusCode).toBe(200);
    const r = await call('guard', { method: 'PATCH', url, payload: { version: 1, textZh: '改' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    const create = await call('guard', {
      method: 'POST',
      url: `/api/estates/${estate.id}/plan/measures`,
      payload: { textZh: '新措施', team: 'security', stage: 'help' },
    });
    expect(create.statusCode).toBe(403);
    expect((await measure('S1')).version).toBe(1);
  });

  it('a manager of another estate gets 404, the same as for a measure that does not exist', async () => {
    const s1 = await measure('S1');
    const base = `/api/estates/${estate.id}/plan/measures`;
    for (const req of [
      { method: 'GET' as const, url: base },
      { method: 'GET' as const, url: `${base}/${s1.id}` },
      { method: 'GET' as const, url: `${base}/${s1.id}/history` },
      { method: 'PATCH' as const, url: `${base}/${s1.id}`, payload: { version: 1, textZh: '改' } },
      {
        method: 'PUT' as const,
        url: `/api/estates/${estate.id}/plan/commitments/${s1.id}/target`,
        payload: { target: 5 },
      },
    ]) {
      const r = await call('foreignmgr', req);
      expect(r.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // A measure id of one estate under another estate's path is not found either.
    const mine = (
      await call('foreignmgr', { method: 'GET', url: `/api/estates/${other.id}/plan/measures` })
    ).json();
    const r = await call('foreignmgr', {
      method: 'GET',
      url: `/api/estates/${other.id}/plan/measures/${s1.id}`,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('PLAN_MEASURE_NOT_FOUND');
    expect(mine).toHaveLength(49);
  });

  it('retires a measure (listed with its status, not counted at its stage) and reactivates it', async () => {
    const c10 = await measure('C10');
    const url = `/api/estates/${estate.id}/plan/measures/${c10.id}`;
    const retired = await call('manager', {
      method: 'PATCH',
      url,
      payload: { version: c10.version, status: 'retired' },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().status).toBe('retired');
    const all = (
      await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/measures` })
    ).json();
    expect(all).toHaveLength(49);
    expect(all.find((m: any) => m.code === 'C10').status).toBe('retired');
    const onlyRetired = (
      await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/measures?status=retired` })
    ).json();
    expect(onlyRetired.map((m: any) => m.code)).toEqual(['C10']);
    const stages = (
      await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/stages` })
    ).json();
    expect(stages.find((s: any) => s.code === 'move').measures).toBe(
      (await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/plan/measures?stage=move` }))
        .json()
        .filter((m: any) => m.status === 'active').length,
    );
    const back = await call('manager', {
      method: 'PATCH',
      url,
      payload: { version: retired.json().version, status: 'active' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', version: c10.version + 2 });
    const history = (await call('manager', { method: 'GET', url: `${url}/history` })).json();
    expect(history[0].changes).toEqual([{ field: 'status', old: 'retired', new: 'active' }]);
    expect(history[1].changes).toEqual([{ field: 'status', old: 'active', new: 'retired' }]);
  });

  it("adds the estate's own measures as X1, X2", async () => {
    const base = `/api/estates/${estate.id}/plan/measures`;
    const a = await call('manager', {
      method: 'POST',
      url: base,
      payload: { textZh: '雨天在单元门口放置防滑垫', team: 'environment', stage: 'help' },
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({
      code: 'X1',
      isCustom: true,
      status: 'active',
      version: 1,
      textEn: null,
    });
    const b = await call('admin', {
      method: 'POST',
      url: base,
      payload: {
        textZh: '每季度业主座谈会',
        textEn: 'Quarterly residents’ meeting',
        team: 'service',
        stage: 'fulfil',
      },
    });
    expect(b.json().code).toBe('X2');
    const list = (await call('guard', { method: 'GET', url: `${base}?team=environment` })).json();
    expect(list.at(-1).code).toBe('X1');
  });
});

describe('commitment targets', () => {
  it('a new target starts with the next period; the current period keeps its target', async () => {
    const e1 = await measure('E1');
    const c = e1.commitments[0];
    const url = `/api/estates/${estate.id}/plan/commitments/${c.id}/target`;
    const r = await call('manager', { method: 'PUT', url, payload: { target: 3 } });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json();
    expect(after).toMatchObject({
      target: 2,
      currentPeriodStart: '2026-11-23',
      next: { effectiveFrom: '2026-11-30', target: 3 },
    });
    expect(targetFor(after, '2026-11-23')).toBe(2);
    expect(targetFor(after, '2026-11-16')).toBe(2);
    expect(targetFor(after, '2026-11-30')).toBe(3);

    // A week later the new target is the current one, and the past week still reads 2 (the
    // service directly: sessions would time out across the jump of the clock).
    clock.set('2026-12-01T02:00:00Z');
    try {
      const now = (await plan.commitmentsOf(estate.id)).find((x) => x.code === 'E1.visits')!;
      expect(now).toMatchObject({ target: 3, currentPeriodStart: '2026-11-30', next: null });
      expect(targetFor(now, '2026-11-23')).toBe(2);
    } finally {
      clock.set(NOW);
    }
    const audited = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'plan.target.set')
      .execute();
    expect(audited).toHaveLength(1);
    expect(fromJson(audited[0]!.details, {})).toMatchObject({
      code: 'E1.visits',
      target: 3,
      previous: 2,
    });
  });

  it('uses the period of the commitment: S2 (half-yearly) changes from 2027-01-01', async () => {
    const c = (await measure('S2')).commitments[0];
    const r = await call('manager', {
      method: 'PUT',
      url: `/api/estates/${estate.id}/plan/commitments/${c.id}/target`,
      payload: { target: 2 },
    });
    expect(r.json()).toMatchObject({ target: 1, next: { effectiveFrom: '2027-01-01', target: 2 } });
  });

  it('a given future date is kept; the same date again replaces that version', async () => {
    const c = (await measure('T4')).commitments[0];
    const url = `/api/estates/${estate.id}/plan/commitments/${c.id}/target`;
    await call('manager', { method: 'PUT', url, payload: { target: 24, effectiveFrom: '2027-03-01' } });
    const r = await call('manager', {
      method: 'PUT',
      url,
      payload: { target: 36, effectiveFrom: '2027-03-01' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().targets.map((v: any) => [v.effectiveFrom, v.target])).toEqual([
      ['2000-01-01', 48],
      ['2027-03-01', 36],
    ]);
    expect(targetFor(r.json(), '2027-02-01')).toBe(48);
  });

  it('refuses an effective date in the past with 422 and a clear message', async () => {
    const c = (await measure('E1')).commitments[0];
    const url = `/api/estates/${estate.id}/plan/commitments/${c.id}/target`;
    const r = await call('manager', {
      method: 'PUT',
      url,
      headers: { 'accept-language': 'en' },
      payload: { target: 5, effectiveFrom: '2026-11-23' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('TARGET_EFFECTIVE_IN_PAST');
    expect(r.json().error.message).toContain('2026-11-27');
    const zh = await call('manager', {
      method: 'PUT',
      url,
      payload: { target: 5, effectiveFrom: '2026-11-26' },
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error.message).toContain('早于今天');
    const impossible = await call('manager', {
      method: 'PUT',
      url,
      payload: { target: 5, effectiveFrom: '2027-02-30' },
    });
    expect(impossible.statusCode).toBe(400);
    const negative = await call('manager', { method: 'PUT', url, payload: { target: -1 } });
    expect(negative.statusCode).toBe(400);
    expect((await measure('E1')).commitments[0].targets).toHaveLength(2);
  });

  it('a guard may not set a target; an unknown commitment is 404', async () => {
    const c = (await measure('S4')).commitments[0];
    const r = await call('guard', {
      method: 'PUT',
      url: `/api/estates/${estate.id}/plan/commitments/${c.id}/target`,
      payload: { target: 2 },
    });
    expect(r.statusCode).toBe(403);
    const none = await call('manager', {
      method: 'PUT',
      url: `/api/estates/${estate.id}/plan/commitments/01NOSUCH/target`,
      payload: { target: 2 },
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('COMMITMENT_NOT_FOUND');
  });

  it('publishes every plan operation in the OpenAPI document', async () => {
    const spec = (await call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    const ops = Object.values<any>(spec.paths).flatMap((p) =>
      Object.values<any>(p).map((o) => o.operationId),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'listPlanStages',
        'listPlanMeasures',
        'getPlanMeasure',
        'createPlanMeasure',
        'updatePlanMeasure',
        'listPlanMeasureChanges',
        'setCommitmentTarget',
      ]),
    );
  });

  it('anonymous requests get 401', async () => {
    const r = await call(undefined, { method: 'GET', url: `/api/estates/${estate.id}/plan/measures` });
    expect(r.statusCode).toBe(401);
  });
});
