import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/auth.js';
import { CreateHouseholdBody } from '../../../contract/households.js';
import { CompleteBody, CreateServiceRequestBody } from '../../../contract/service-requests.js';
import { CreateVisitBody } from '../../../contract/visits.js';
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
import { type Actor, systemActor } from '../auth/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import { type JourneyService, REPORT_SHEETS } from './index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');
const DAY = 86_400_000;

let database: Database;
let app: FastifyInstance;
let c: Container;
let clock: FixedClock;
let service: JourneyService;
let estate: TestEstate;
let other: TestEstate;
const ids: Record<string, string> = {};
const roles: Record<string, Role> = {};
const cookies: Record<string, string> = {};
const hh: string[] = [];
let catalogId = '';

const actor = (u: string): Actor => ({
  id: ids[u]!,
  role: roles[u]!,
  displayName: u,
  estateIds: [estate.id],
  allEstates: false,
  ip: null,
  lang: 'zh-CN',
});

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  cookies[username] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}
async function call(who: string, opts: InjectOptions) {
  let r = await app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
  if (r.statusCode === 401) {
    await login(who);
    r = await app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
  }
  return r;
}
async function funnel() {
  const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/journey` });
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json();
  return Object.fromEntries(body.stages.map((s: { code: string; atStage: number }) => [s.code, s.atStage]));
}
async function completedRequest(householdId: string): Promise<string> {
  const r = await c.serviceRequests.create(
    actor('guard'),
    CreateServiceRequestBody.parse({
      estateId: estate.id,
      householdId,
      catalogId,
      description: '厨房水龙头漏水',
      channel: 'on_site',
    }),
  );
  clock.advance(10 * 60_000);
  await c.serviceRequests.accept(actor('tech'), r.id);
  clock.advance(30 * 60_000);
  await c.serviceRequests.complete(
    actor('tech'),
    r.id,
    CompleteBody.parse({ minutesSpent: 25, notes: '更换了阀芯' }),
  );
  return r.id;
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(new Date(NOW.getTime() - 20 * DAY));
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  service = c.journey;
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 2 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultPlan(db, estate.id, clock.now());
  await seedDefaultCatalog(db, estate.id, clock.now());
  catalogId = (
    await db
      .selectFrom('service_catalog')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow()
  ).id;
  const staff: [string, Role, string, TestEstate][] = [
    ['manager', 'manager', 'management', estate],
    ['guard', 'guard', 'security', estate],
    ['squad', 'squad_leader', 'technical', estate],
    ['tech', 'technician', 'technical', estate],
    ['foreignmgr', 'manager', 'management', other],
  ];
  for (const [u, role, team, e] of staff) {
    ids[u] = await createStaff(db, u, role, [e], team);
    roles[u] = role;
  }
  for (let i = 0; i < 3; i++)
    hh.push(
      (
        await c.households.create(
          systemActor([estate.id]),
          CreateHouseholdBody.parse({
            estateId: estate.id,
            roomId: estate.roomIds[i],
            occupancy: 'owner_occupied',
          }),
        )
      ).id,
    );
  clock.set(NOW);
  for (const [u] of staff) await login(u);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the customer journey', () => {
  it('lists the journey operations in the OpenAPI contract', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const ops = Object.values(
      r.json().paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops).toEqual(
      expect.arrayContaining(['getJourneyFunnel', 'listJourneyStuck', 'downloadMonthlyReport']),
    );
  });

  it('moves households up the funnel as data is added, and the counts follow', async () => {
    expect(await funnel()).toEqual({ know: 3, learn: 0, understand: 0, help: 0, move: 0, fulfil: 0 });

    await c.visits.create(
      actor('squad'),
      CreateVisitBody.parse({ householdId: hh[0]!, kind: 'routine', notes: '例行走访' }),
    );
    expect(await funnel()).toMatchObject({ know: 2, learn: 1 });

    const requestId = await completedRequest(hh[0]!);
    expect(await funnel()).toMatchObject({ know: 2, learn: 0, help: 1 });

    const link = await c.ratings.issueLink(actor('tech'), requestId, 'http://localhost');
    const token = link.path.slice('/r/'.length);
    await c.ratings.submit(
      token,
      { punctuality: 5, attitude: 5, skill: 5, tidiness: 5, overall: 5, comment: '谢谢师傅' },
      '127.0.0.1',
      'zh-CN',
    );
    expect(await funnel()).toMatchObject({ help: 0, move: 1 });

    await c.loyalGroups.addMember(actor('squad'), estate.id, ids.squad!, hh[0]!);
    const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/journey` });
    const body = r.json();
    expect(body.stages.map((s: { atStage: number }) => s.atStage)).toEqual([2, 0, 0, 0, 0, 1]);
    expect(body.stages.map((s: { reached: number }) => s.reached)).toEqual([3, 1, 1, 1, 1, 1]);
    expect(body.definitions.learn).toContain('OR at least one visit form');

    // A completed request without a visit: 理解 and 帮助 hold, 了解 does not → stays at 认识 (strictly cumulative).
    await completedRequest(hh[1]!);
    const f = (await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/journey` })).json();
    expect(f.stages[0].atStage).toBe(2);
    expect(f.stages.find((s: { code: string }) => s.code === 'help').conditionMet).toBe(2);
  });

  it('lists households stuck at a stage, longest untouched first', async () => {
    clock.set(new Date(NOW.getTime() + 3 * DAY));
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/journey/stuck?stage=know&limit=10`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { householdId: string }) => i.householdId)).toEqual([hh[2], hh[1]]);
    expect(body.items[0].daysSinceLastTouch).toBe(23);
    expect(body.items[1].daysSinceLastTouch).toBe(2);
    expect(body.items[0].roomCode).toBeTruthy();
    const top = (
      await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/journey/stuck?stage=fulfil` })
    ).json();
    expect(top.items.map((i: { householdId: string }) => i.householdId)).toEqual([hh[0]]);
    clock.set(NOW);
  });

  it('guards get 403, a manager of another estate 404', async () => {
    for (const url of [
      `/api/estates/${estate.id}/journey`,
      `/api/estates/${estate.id}/journey/stuck?stage=know`,
      `/api/estates/${estate.id}/reports/monthly?month=2026-11`,
    ]) {
      expect((await call('guard', { method: 'GET', url })).statusCode).toBe(403);
      expect((await call('foreignmgr', { method: 'GET', url })).statusCode).toBe(404);
    }
    expect(
      (await call('squad', { method: 'GET', url: `/api/estates/${estate.id}/journey` })).statusCode,
    ).toBe(200);
  });
});

describe('the monthly service report', () => {
  it('downloads a Chinese PDF', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/reports/monthly?month=2026-11&format=pdf`,
    });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(r.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(r.headers['x-report-font']).toBe('cjk');
    const data = await service.reportData(systemActor([estate.id]), estate.id, '2026-11');
    expect(data.title).toBe('lvyuan小区 2026年11月物业服务月报');
    expect(data.requests).toMatchObject({
      taken: 2,
      completed: 2,
      avgResponseMinutes: 10,
      avgCompletionMinutes: 40,
    });
    expect(data.ratings.count).toBe(1);
    expect(data.visits).toEqual([{ kind: 'routine', label: '例行走访', count: 1 }]);
    expect(JSON.stringify(data)).not.toContain('谢谢师傅');
  });

  it('downloads an Excel workbook with the same sections, audited', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/reports/monthly?month=2026-11&format=xlsx`,
    });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
    const requests = wb.getWorksheet('服务工单')!;
    expect(requests.getRow(3).values).toEqual([undefined, '完成', 2]);
    const funnelSheet = wb.getWorksheet('客户旅程')!;
    expect(funnelSheet.getRow(7).getCell(3).value).toBe(1); // 成就: one household
    const audits = await database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'details'])
      .where('action', '=', 'export.monthly_report')
      .execute();
    expect(audits.length).toBe(2);
    expect(audits.every((a) => a.actor_id === ids.manager)).toBe(true);
  });

  it('rejects a malformed month', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/reports/monthly?month=2026-13`,
    });
    expect(r.statusCode).toBe(400);
  });
});
