import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import { DEFAULT_CATALOG, seedDefaultCatalog } from './service-catalog.seed.js';
import { buildFixture, type Fixture } from './service-request.fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(async () => f?.close());

const MIN = 60_000;

async function take(who: string, body: Record<string, unknown>) {
  const r = await f.call(who, {
    method: 'POST',
    url: '/api/service-requests',
    payload: { estateId: f.estate.id, channel: 'phone', description: '厨房水龙头漏水', ...body },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const post = (who: string, id: string, action: string, payload: Record<string, unknown> = {}) =>
  f.call(who, { method: 'POST', url: `/api/service-requests/${id}/${action}`, payload });

describe('a request from taking to completion', () => {
  let id: string;

  it('a guard takes a request by phone: new, the guard is the taker, due times from the catalog', async () => {
    const r = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.faucet'] });
    id = r.id;
    expect(r.status).toBe('new');
    expect(r.takenBy).toEqual({ id: f.ids.guard, name: 'guard-name' });
    expect(r.team).toBe('technical');
    expect(r.roomCode).toBe('1-1-101');
    expect(r.care).toBe(false);
    // Normal priority of a home repair: respond within 2 h, complete within 24 h (10:00 Beijing).
    expect(r.responseDueAt).toBe('2026-11-27T04:00:00.000Z');
    expect(r.completionDueAt).toBe('2026-11-28T02:00:00.000Z');
    expect(r.timeline.map((e: any) => e.kind)).toEqual(['created']);
  });

  it('the technical team sees it in its queue; the cleaner does not', async () => {
    const tech = await f.call('an_tech', {
      method: 'GET',
      url: `/api/service-requests?estateId=${f.estate.id}`,
    });
    expect(tech.json().items.map((x: any) => x.id)).toContain(id);
    const cl = await f.call('cleaner', {
      method: 'GET',
      url: `/api/service-requests?estateId=${f.estate.id}`,
    });
    expect(cl.statusCode).toBe(200);
    expect(cl.json().items.map((x: any) => x.id)).not.toContain(id);
    expect((await f.call('cleaner', { method: 'GET', url: `/api/service-requests/${id}` })).statusCode).toBe(
      404,
    );
  });

  it('suggestions rank the plumber first', async () => {
    const r = await f.call('squad', {
      method: 'GET',
      url: `/api/service-requests/${id}/assignee-suggestions`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s[0]).toMatchObject({ accountId: f.ids.zhang_tech, skillMatch: true, openJobs: 0 });
    expect(s.map((x: any) => x.accountId)).toContain(f.ids.an_tech);
    expect(s.map((x: any) => x.accountId)).toContain(f.ids.squad);
    expect(s.map((x: any) => x.accountId)).not.toContain(f.ids.guard);
  });

  it('a cleaner cannot assign (403); nobody outside the team can be assigned (422)', async () => {
    const c = await post('cleaner', id, 'assign', { assigneeId: f.ids.zhang_tech });
    expect(c.statusCode).toBe(403);
    const g = await post('squad', id, 'assign', { assigneeId: f.ids.cleaner });
    expect(g.statusCode).toBe(422);
    expect(g.json().error.code).toBe('ASSIGNEE_NOT_IN_TEAM');
  });

  it('a stale version on assign is 412', async () => {
    const r = await post('squad', id, 'assign', { assigneeId: f.ids.zhang_tech, version: 7 });
    expect(r.statusCode).toBe(412);
  });

  it('the squad leader assigns the plumber; the other technician cannot accept it', async () => {
    const r = await post('squad', id, 'assign', { assigneeId: f.ids.zhang_tech, version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'assigned', assignee: { id: f.ids.zhang_tech }, version: 2 });
    const other = await post('an_tech', id, 'accept');
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('REQUEST_ASSIGNED_TO_OTHER');
    const mine = await f.call('zhang_tech', { method: 'GET', url: '/api/service-requests?assignee=me' });
    expect(mine.json().items.map((x: any) => x.id)).toEqual([id]);
  });

  it('the plumber accepts after 30 min and completes at the fixed price (no start needed)', async () => {
    f.clock.advance(30 * MIN);
    const a = await post('zhang_tech', id, 'accept');
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'accepted', acceptedAt: '2026-11-27T02:30:00.000Z' });
    const c = await post('zhang_tech', id, 'complete', { minutesSpent: 15 });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().completion).toMatchObject({ charge: 'charged', chargedFen: 3000 });
    expect(c.json().startedAt).toBe(c.json().completedAt);
  });

  it('completing an already completed job is 409 naming the state', async () => {
    const r = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/service-requests/${id}/complete`,
      payload: { minutesSpent: 5 },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('REQUEST_STATE_CONFLICT');
    expect(r.json().error.message).toContain('已完成');
    const en = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/service-requests/${id}/start`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode, en.body).toBe(409);
    expect(en.json().error.message).toContain('completed');
  });
});

describe('the full story with start, materials and figures', () => {
  it('due times, charge and figures are right', async () => {
    f.clock.set('2026-11-30T02:00:00Z'); // Monday 10:00 Beijing
    const r = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.drain'] });
    expect((await post('mgr', r.id, 'assign', { assigneeId: f.ids.zhang_tech })).statusCode).toBe(200);
    f.clock.advance(30 * MIN);
    expect((await post('zhang_tech', r.id, 'accept')).statusCode).toBe(200);
    f.clock.advance(10 * MIN);
    const s = await post('zhang_tech', r.id, 'start');
    expect(s.json().status).toBe('in_progress');
    expect((await post('an_tech', r.id, 'complete', { minutesSpent: 5 })).statusCode).toBe(403);
    f.clock.advance(50 * MIN);
    const c = await post('zhang_tech', r.id, 'complete', {
      notes: '疏通并更换存水弯',
      materials: [{ name: '存水弯', quantity: 1, costFen: 4500 }],
      minutesSpent: 45,
    });
    expect(c.statusCode, c.body).toBe(200);
    const done = c.json();
    expect(done.status).toBe('completed');
    expect(done.completedAt).toBe('2026-11-30T03:30:00.000Z');
    expect(done.completion).toMatchObject({
      charge: 'charged',
      chargedFen: 5000 + 4500,
      materialCostFen: 4500,
      minutesSpent: 45,
      freeBasis: null,
    });
    expect(done.timeline.map((e: any) => e.kind)).toEqual([
      'created',
      'assigned',
      'accepted',
      'in_progress',
      'completed',
    ]);
    expect(done.timeline[0].actorId).toBe(f.ids.guard);

    // A second job the same day that is accepted late and never completed.
    f.clock.set('2026-11-30T06:00:00Z');
    const late = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.faucet'] });
    f.clock.advance(180 * MIN); // response target 120 min
    expect((await post('an_tech', late.id, 'accept')).statusCode).toBe(200);

    const fig = await f.service.figures(
      f.estate.id,
      new Date('2026-11-29T16:00:00Z'),
      new Date('2026-11-30T16:00:00Z'),
    );
    expect(fig).toMatchObject({
      created: 2,
      completed: 1,
      open: 1,
      cancelled: 0,
      avgResponseMinutes: (30 + 180) / 2,
      avgCompletionMinutes: 90,
      responseWithinTargetShare: 0.5,
      completionWithinTargetShare: 1,
      freeJobs: 0,
      chargedFen: 9500,
    });
    const mine = await f.service.figures(
      f.estate.id,
      new Date('2026-11-29T16:00:00Z'),
      new Date('2026-11-30T16:00:00Z'),
      { assigneeId: f.ids.an_tech },
    );
    expect(mine).toMatchObject({ created: 1, completed: 0, avgResponseMinutes: 180 });
  });
});

describe('concurrency', () => {
  it.each([1, 2, 3, 4, 5])(
    'two technicians accepting the same job at once: one 200, one 409 (#%i)',
    async () => {
      const r = await take('guard', {
        householdId: f.plainHousehold,
        catalogId: f.catalog['T11.toilet_unblock'],
      });
      const results = await Promise.all([
        post('an_tech', r.id, 'accept'),
        post('zhang_tech', r.id, 'accept'),
      ]);
      expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
      const loser = results.find((x) => x.statusCode === 409)!;
      expect(loser.json().error.code).toBe('REQUEST_STATE_CONFLICT');
      const winner = results.find((x) => x.statusCode === 200)!.json();
      const got = await f.call('squad', { method: 'GET', url: `/api/service-requests/${r.id}` });
      expect(got.json().assignee.id).toBe(winner.assignee.id);
      expect(got.json().timeline.filter((e: any) => e.kind === 'accepted')).toHaveLength(1);
    },
  );
});

describe('free jobs (T11)', () => {
  it('a night urgent bulb replacement is free with the reason', async () => {
    f.clock.set('2026-11-27T15:30:00Z'); // 23:30 in Beijing
    const r = await take('guard', {
      householdId: f.plainHousehold,
      catalogId: f.catalog['T11.night_bulb'],
      priority: 'urgent',
      description: '卧室灯泡坏了',
    });
    expect(r.responseDueAt).toBe('2026-11-27T15:45:00.000Z');
    expect((await post('zhang_tech', r.id, 'accept')).statusCode).toBe(200);
    const c = await post('zhang_tech', r.id, 'complete', {
      materials: [{ name: '灯泡', quantity: 1, costFen: 800 }],
      minutesSpent: 10,
      charge: { kind: 'charged', amountFen: 2000 },
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().completion).toMatchObject({ charge: 'free', chargedFen: 0, freeBasis: 'catalog' });
    expect(c.json().completion.freeReason).toBeTruthy();
  });

  it('a fixed-price repair is free by the rule when urgent, at night, with cheap materials', async () => {
    f.clock.set('2026-11-27T21:00:00Z'); // 05:00 in Beijing
    const r = await take('guard', {
      householdId: f.plainHousehold,
      catalogId: f.catalog['T8.switch_socket'],
      priority: 'urgent',
    });
    await post('zhang_tech', r.id, 'accept');
    const c = await post('zhang_tech', r.id, 'complete', {
      materials: [{ name: '面板', quantity: 1, costFen: 900 }],
      minutesSpent: 20,
    });
    expect(c.json().completion).toMatchObject({ charge: 'free', freeBasis: 'rule', materialCostFen: 900 });
    expect(c.json().completion.freeReason).toContain('urgent');
  });

  it('the same repair in the daytime is charged; a quote without a charge is refused', async () => {
    f.clock.set('2026-11-27T04:00:00Z'); // 12:00 in Beijing
    const r = await take('guard', {
      householdId: f.plainHousehold,
      catalogId: f.catalog['T8.switch_socket'],
      priority: 'urgent',
    });
    await post('zhang_tech', r.id, 'accept');
    const c = await post('zhang_tech', r.id, 'complete', {
      materials: [{ name: '面板', quantity: 1, costFen: 900 }],
      minutesSpent: 20,
    });
    expect(c.json().completion).toMatchObject({ charge: 'charged', chargedFen: 2900 });

    const q = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.repair_quote'] });
    await post('zhang_tech', q.id, 'accept');
    const bad = await post('zhang_tech', q.id, 'complete', { minutesSpent: 20 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('CHARGE_REQUIRED');
    const ok = await post('zhang_tech', q.id, 'complete', {
      minutesSpent: 20,
      charge: { kind: 'free', reason: '老住户，小问题' },
    });
    expect(ok.json().completion).toMatchObject({
      charge: 'free',
      freeBasis: 'manual',
      freeReason: '老住户，小问题',
    });
  });
});

describe('care flags (T7) and the queue', () => {
  it("a care-flagged household's request sorts first, before earlier due times; pages follow", async () => {
    f.clock.set('2026-12-01T02:00:00Z');
    const plain = await take('guard', {
      householdId: f.plainHousehold,
      catalogId: f.catalog['T8.faucet'],
      priority: 'urgent',
    });
    const care = await take('guard', {
      householdId: f.careHousehold,
      catalogId: f.catalog['T8.faucet'],
      priority: 'low',
    });
    expect(care.care).toBe(true);
    expect(care.careFlags).toEqual(['elderly_alone']);
    expect(care.responseDueAt > plain.responseDueAt).toBe(true);
    const url = `/api/service-requests?estateId=${f.estate.id}&status=new&team=technical&limit=1`;
    const p1 = await f.call('squad', { method: 'GET', url });
    expect(p1.json().items.map((x: any) => x.id)).toEqual([care.id]);
    const p2 = await f.call('squad', {
      method: 'GET',
      url: `${url}&cursor=${encodeURIComponent(p1.json().nextCursor)}`,
    });
    expect(p2.json().items.map((x: any) => x.id)).toEqual([plain.id]);
  });

  it('an unknown status is a 400', async () => {
    const r = await f.call('squad', { method: 'GET', url: '/api/service-requests?status=done' });
    expect(r.statusCode).toBe(400);
  });
});

describe('cancelling', () => {
  it('the taker cancels before acceptance; a technician may not; a cancelled one cannot be cancelled again', async () => {
    const r = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.faucet'] });
    expect((await post('an_tech', r.id, 'cancel', { reason: '重复' })).statusCode).toBe(403);
    const c = await post('guard', r.id, 'cancel', { reason: '住户自行解决' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '住户自行解决' });
    expect((await post('mgr', r.id, 'cancel', { reason: 'x' })).statusCode).toBe(409);
  });

  it('after acceptance only a dispatcher can cancel', async () => {
    const r = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.faucet'] });
    await post('an_tech', r.id, 'accept');
    expect((await post('guard', r.id, 'cancel', { reason: '住户不在家' })).statusCode).toBe(403);
    expect((await post('squad', r.id, 'cancel', { reason: '住户不在家' })).statusCode).toBe(200);
  });
});

describe('seeding', () => {
  it('seeding the default catalog twice creates nothing new', async () => {
    expect(await seedDefaultCatalog(f.database.db, f.estate.id, f.clock.now())).toBe(0);
  });
});

describe('catalog visibility and scope', () => {
  const resident = (): Actor => ({
    id: 'resident-1',
    role: 'resident',
    displayName: '住户',
    estateIds: [f.estate.id],
    allEstates: false,
    ip: null,
    lang: 'zh-CN',
  });

  it('a resident-role actor never receives internal catalog entries, even when asking for them', async () => {
    for (const visibility of [undefined, 'internal' as const, 'residents' as const]) {
      const list = await f.service.listCatalog(resident(), f.estate.id, {
        visibility,
        includeInactive: true,
      });
      expect(list.length).toBeGreaterThan(5);
      expect(list.every((e) => e.visibility === 'residents')).toBe(true);
      expect(list.map((e) => e.code)).not.toContain('T11.night_bulb');
      expect(list.map((e) => e.code)).not.toContain('T9.spare_part');
    }
    await expect(f.service.listCatalog(resident(), f.other.id)).rejects.toMatchObject({ status: 404 });
  });

  it('staff see internal entries; a guard can ask for the internal list only', async () => {
    const r = await f.call('guard', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/service-catalog?visibility=internal`,
    });
    expect(r.statusCode).toBe(200);
    expect(
      r
        .json()
        .map((e: any) => e.code)
        .sort(),
    ).toEqual(['T11.night_bulb', 'T11.toilet_unblock', 'T9.spare_part']);
    const all = await f.call('cleaner', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/service-catalog`,
    });
    expect(all.json()).toHaveLength(DEFAULT_CATALOG.length);
  });

  it('a manager of another estate gets 404 everywhere', async () => {
    const r = await take('guard', { householdId: f.plainHousehold, catalogId: f.catalog['T8.faucet'] });
    expect(
      (await f.call('foreignmgr', { method: 'GET', url: `/api/service-requests/${r.id}` })).statusCode,
    ).toBe(404);
    expect((await post('foreignmgr', r.id, 'assign', { assigneeId: f.ids.zhang_tech })).statusCode).toBe(404);
    expect((await post('foreignmgr', r.id, 'cancel', { reason: 'x' })).statusCode).toBe(404);
    const list = await f.call('foreignmgr', {
      method: 'GET',
      url: `/api/service-requests?estateId=${f.estate.id}`,
    });
    expect(list.statusCode).toBe(404);
    const cat = await f.call('foreignmgr', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/service-catalog`,
    });
    expect(cat.statusCode).toBe(404);
    const mine = await f.call('foreignmgr', { method: 'GET', url: '/api/service-requests' });
    expect(mine.json().items).toHaveLength(0);
  });

  it('a household of another estate, or an unknown catalog entry, is refused', async () => {
    const otherCatalog = await f.call('foreignmgr', {
      method: 'GET',
      url: `/api/estates/${f.other.id}/service-catalog`,
    });
    const foreignEntry = otherCatalog.json()[0].id;
    const a = await f.call('guard', {
      method: 'POST',
      url: '/api/service-requests',
      payload: {
        estateId: f.estate.id,
        catalogId: foreignEntry,
        channel: 'phone',
        description: 'x',
        location: '南门',
      },
    });
    expect(a.statusCode).toBe(404);
    const b = await f.call('foreignmgr', {
      method: 'POST',
      url: '/api/service-requests',
      payload: {
        estateId: f.other.id,
        catalogId: foreignEntry,
        householdId: f.plainHousehold,
        channel: 'phone',
        description: 'x',
      },
    });
    expect(b.statusCode).toBe(422);
    expect(b.json().error.code).toBe('REQUEST_HOUSEHOLD_NOT_IN_ESTATE');
  });

  it('a public-area request needs a location; an Idempotency-Key replays the first response', async () => {
    const body = {
      estateId: f.estate.id,
      catalogId: f.catalog['S10.carry'],
      channel: 'on_site',
      description: '搬米',
    };
    const none = await f.call('guard', { method: 'POST', url: '/api/service-requests', payload: body });
    expect(none.statusCode).toBe(400);
    const headers = { 'idempotency-key': 'take-carry-1' };
    const payload = { ...body, location: '3栋大堂' };
    const one = await f.call('guard', { method: 'POST', url: '/api/service-requests', payload, headers });
    const two = await f.call('guard', { method: 'POST', url: '/api/service-requests', payload, headers });
    expect(one.statusCode).toBe(201);
    expect(two.json().id).toBe(one.json().id);
    expect(one.json().team).toBe('security');
  });
});

describe('audit', () => {
  it('every change is in the audit log', async () => {
    const rows = await f.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('estate_id', '=', f.estate.id)
      .where('target_type', '=', 'service_request')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['create', 'assign', 'accept', 'start', 'complete', 'cancel'])
      expect(actions).toContain(`service_request.${a}`);
  });
});

describe('contract', () => {
  it('the OpenAPI document names every operation', async () => {
    const r = await f.call(undefined, { method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const ops = Object.values(r.json().paths as Record<string, Record<string, any>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    for (const op of [
      'listServiceCatalog',
      'createServiceRequest',
      'listServiceRequests',
      'getServiceRequest',
      'suggestAssignees',
      'assignServiceRequest',
      'acceptServiceRequest',
      'startServiceRequest',
      'completeServiceRequest',
      'cancelServiceRequest',
    ])
      expect(ops).toContain(op);
  });
});
