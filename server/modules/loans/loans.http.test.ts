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
import { type LoanService, seedDefaultLoanItems } from './index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');
const HOUR = 3_600_000;

let database: Database;
let app: FastifyInstance;
let c: Container;
let clock: FixedClock;
let loans: LoanService;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};
const items: Record<string, string> = {};
let household: string;
let otherHousehold: string;

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  cookies[username] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}

/** A request as `who`; a session that went idle after a clock jump is replaced by a fresh login. */
async function call(who: string, opts: InjectOptions) {
  const send = () => app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
  let r = await send();
  if (r.statusCode === 401) {
    await login(who);
    r = await send();
  }
  return r;
}

async function available(kind: string, e = estate) {
  const r = await call(e === estate ? 'guard' : 'foreignmgr', {
    method: 'GET',
    url: `/api/estates/${e.id}/loan-items`,
  });
  expect(r.statusCode, r.body).toBe(200);
  const item = r.json().find((i: { kind: string }) => i.kind === kind);
  return item as { id: string; stock: number; onLoan: number; available: number };
}

function lend(who: string, payload: Record<string, unknown>) {
  return call(who, { method: 'POST', url: '/api/loans', payload });
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(NOW);
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  loans = c.loans;
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 1 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await createStaff(db, 'guard', 'guard', [estate], 'security');
  await createStaff(db, 'guard2', 'guard', [estate], 'security');
  await createStaff(db, 'cleaner', 'cleaner', [estate], 'environment');
  await createStaff(db, 'manager', 'manager', [estate], 'management');
  await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  for (const u of ['guard', 'guard2', 'cleaner', 'manager', 'foreignmgr']) await login(u);
  const h = await c.households.create(systemActor([estate.id]), {
    estateId: estate.id,
    roomId: estate.roomIds[0]!,
    occupancy: 'owner_occupied',
  });
  household = h.id;
  const oh = await c.households.create(systemActor([other.id]), {
    estateId: other.id,
    roomId: other.roomIds[0]!,
    occupancy: 'owner_occupied',
  });
  otherHousehold = oh.id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('lending (T9 spare parts, S9 trolleys)', () => {
  it('the OpenAPI contract lists the lending and demand-peaks operations', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const ops = Object.values(r.json().paths as Record<string, Record<string, any>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    for (const op of ['listLoanItems', 'createLoan', 'returnLoan', 'listLoans', 'getDemandPeaks'])
      expect(ops).toContain(op);
  });

  it('a new estate gets a trolley at each main entrance and spare parts in 技术室, seeded once', async () => {
    expect(await seedDefaultLoanItems(database.db, estate.id, NOW)).toBe(4);
    expect(await seedDefaultLoanItems(database.db, estate.id, NOW)).toBe(0);
    await seedDefaultLoanItems(database.db, other.id, NOW);
    const r = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/loan-items` });
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json() as Array<{
      id: string;
      kind: string;
      location: string;
      stock: number;
      available: number;
    }>;
    expect(list).toHaveLength(4);
    const trolley = list.find((i) => i.kind === 'trolley')!;
    expect(trolley).toMatchObject({ location: '南门', stock: 2, available: 2 });
    for (const kind of ['bulb', 'power_strip', 'hose']) {
      const it = list.find((i) => i.kind === kind)!;
      expect(it.location).toBe('技术室');
      items[kind] = it.id;
    }
    items.trolley = trolley.id;
  });

  it('a guard lends a trolley to a household: due in 2 hours, stock drops, phone masked, audited', async () => {
    const r = await lend('guard', {
      itemId: items.trolley,
      householdId: household,
      borrowerName: '王建国',
      borrowerPhone: '13812345678',
    });
    expect(r.statusCode, r.body).toBe(201);
    const loan = r.json();
    expect(loan).toMatchObject({
      itemKind: 'trolley',
      location: '南门',
      roomCode: '1-1-101',
      borrowerName: '王*国',
      borrowerPhone: '138****5678',
      status: 'open',
      overdue: false,
      dueAt: new Date(NOW.getTime() + 2 * HOUR).toISOString(),
    });
    expect(r.body).not.toContain('13812345678');
    items.loan1 = loan.id;
    expect((await available('trolley')).available).toBe(1);
    const list = await call('manager', { method: 'GET', url: `/api/loans?estateId=${estate.id}` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).not.toContain('13812345678');
    expect(list.json().items[0].borrowerPhone).toBe('138****5678');
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'loan.create')
      .execute();
    expect(audit.map((a) => a.target_id)).toContain(loan.id);
  });

  it('the last trolley cannot be lent twice at once: one 201, one 409 ITEM_UNAVAILABLE', async () => {
    const [a, b] = await Promise.all([
      lend('guard', { itemId: items.trolley, borrowerName: '李四' }),
      lend('guard2', { itemId: items.trolley, borrowerName: '张三' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().error.code).toBe('ITEM_UNAVAILABLE');
    items.loan2 = (a.statusCode === 201 ? a : b).json().id;
    const t = await available('trolley');
    expect(t).toMatchObject({ stock: 2, onLoan: 2, available: 0 });
    const third = await lend('cleaner', { itemId: items.trolley, borrowerName: '赵六' });
    expect(third.statusCode, third.body).toBe(409);
  });

  it('returning a loan twice gives 409; the trolley is available again', async () => {
    const r1 = await call('guard2', {
      method: 'POST',
      url: `/api/loans/${items.loan1}/return`,
      payload: { condition: 'ok' },
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'returned', condition: 'ok', overdue: false });
    const r2 = await call('guard', {
      method: 'POST',
      url: `/api/loans/${items.loan1}/return`,
      payload: { condition: 'ok' },
    });
    expect(r2.statusCode, r2.body).toBe(409);
    expect(r2.json().error.code).toBe('LOAN_ALREADY_RETURNED');
    expect((await available('trolley')).available).toBe(1);
  });

  it('two people taking back the same loan at once: one 200, one 409', async () => {
    const bulb = await lend('guard', { itemId: items.bulb, borrowerName: '钱七', householdId: household });
    expect(bulb.statusCode, bulb.body).toBe(201);
    expect(bulb.json().dueAt).toBe(new Date(NOW.getTime() + 72 * HOUR).toISOString());
    const url = `/api/loans/${bulb.json().id}/return`;
    const [a, b] = await Promise.all([
      call('guard', { method: 'POST', url, payload: { condition: 'ok' } }),
      call('guard2', { method: 'POST', url, payload: { condition: 'ok' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await available('bulb')).toMatchObject({ stock: 10, onLoan: 0 });
  });

  it('a loan shows as overdue once its due time has passed', async () => {
    const bulb = await lend('guard', { itemId: items.bulb, borrowerName: '孙八' });
    expect(bulb.statusCode).toBe(201);
    const overdue0 = await call('manager', { method: 'GET', url: `/api/loans?status=overdue` });
    expect(overdue0.json().items).toHaveLength(0);
    clock.advance(2 * HOUR + 60_000);
    try {
      const overdue = await call('manager', {
        method: 'GET',
        url: `/api/loans?estateId=${estate.id}&status=overdue`,
      });
      expect(overdue.statusCode, overdue.body).toBe(200);
      expect(overdue.json().items.map((l: { id: string }) => l.id)).toEqual([items.loan2]);
      expect(overdue.json().items[0]).toMatchObject({ status: 'overdue', overdue: true });
      const open = await call('manager', {
        method: 'GET',
        url: `/api/loans?estateId=${estate.id}&status=open`,
      });
      const byId = Object.fromEntries(
        open.json().items.map((l: { id: string; status: string }) => [l.id, l.status]),
      );
      expect(byId[items.loan2]).toBe('overdue');
      expect(byId[bulb.json().id]).toBe('open');
      const returned = await call('manager', { method: 'GET', url: `/api/loans?status=returned` });
      expect(returned.json().items.map((l: { id: string }) => l.id)).toContain(items.loan1);
    } finally {
      clock.set(NOW);
    }
  });

  it('a lost hose leaves the stock; a damaged power strip stays in stock with its condition', async () => {
    const hose = await lend('guard', { itemId: items.hose, borrowerName: '周九' });
    const strip = await lend('guard', { itemId: items.power_strip, borrowerName: '吴十' });
    expect(await available('hose')).toMatchObject({ stock: 2, available: 1 });
    const lost = await call('guard', {
      method: 'POST',
      url: `/api/loans/${hose.json().id}/return`,
      payload: { condition: 'lost', note: '业主说找不到了' },
    });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({ condition: 'lost', note: '业主说找不到了' });
    expect(await available('hose')).toMatchObject({ stock: 1, onLoan: 0, available: 1 });
    const damaged = await call('guard', {
      method: 'POST',
      url: `/api/loans/${strip.json().id}/return`,
      payload: { condition: 'damaged' },
    });
    expect(damaged.statusCode, damaged.body).toBe(200);
    expect(damaged.json().condition).toBe('damaged');
    expect(await available('power_strip')).toMatchObject({ stock: 4, onLoan: 0, available: 4 });
    const bad = await call('guard', {
      method: 'POST',
      url: `/api/loans/${strip.json().id}/return`,
      payload: { condition: 'broken' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('rejects a due time in the past and a household of another estate', async () => {
    const past = await lend('guard', {
      itemId: items.bulb,
      borrowerName: '郑一',
      dueAt: new Date(NOW.getTime() - HOUR).toISOString(),
    });
    expect(past.statusCode, past.body).toBe(422);
    const foreign = await lend('guard', {
      itemId: items.bulb,
      borrowerName: '郑一',
      householdId: otherHousehold,
    });
    expect(foreign.statusCode, foreign.body).toBe(422);
    expect(foreign.json().error.code).toBe('LOAN_HOUSEHOLD_NOT_IN_ESTATE');
  });

  it('a manager of another estate gets 404 for its items and loans', async () => {
    const lists = await call('foreignmgr', { method: 'GET', url: `/api/estates/${estate.id}/loan-items` });
    expect(lists.statusCode).toBe(404);
    const create = await lend('foreignmgr', { itemId: items.bulb, borrowerName: '外人' });
    expect(create.statusCode).toBe(404);
    const ret = await call('foreignmgr', {
      method: 'POST',
      url: `/api/loans/${items.loan2}/return`,
      payload: { condition: 'ok' },
    });
    expect(ret.statusCode).toBe(404);
    const list = await call('foreignmgr', { method: 'GET', url: `/api/loans?estateId=${estate.id}` });
    expect(list.statusCode).toBe(404);
    const own = await call('foreignmgr', { method: 'GET', url: '/api/loans' });
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(0);
    // The loan is still open in its own estate.
    const still = await call('manager', {
      method: 'GET',
      url: `/api/loans?estateId=${estate.id}&itemId=${items.trolley}&status=open`,
    });
    expect(still.json().items.map((l: { id: string }) => l.id)).toEqual([items.loan2]);
  });

  it('pages loans newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const r = await call('manager', { method: 'GET', url: `/api/loans?estateId=${estate.id}&limit=2${q}` });
      expect(r.statusCode, r.body).toBe(200);
      seen.push(...r.json().items.map((l: { id: string }) => l.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    const all = await loans.list(systemActor([estate.id]), { estateId: estate.id, limit: 200 });
    expect(seen).toEqual(all.items.map((l) => l.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });

  it('a resident or anonymous caller cannot lend', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/loans',
      payload: { itemId: items.bulb, borrowerName: 'x' },
    });
    expect(r.statusCode).toBe(401);
  });
});
