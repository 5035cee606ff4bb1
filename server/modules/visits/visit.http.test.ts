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

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');
const DAY = 86_400_000;

let database: Database;
let app: FastifyInstance;
let c: Container;
let estate: TestEstate;
let sugg: TestEstate;
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

async function household(e: TestEstate, room: number, extra: Record<string, unknown> = {}) {
  const h = await c.households.create(systemActor([e.id]), {
    estateId: e.id,
    roomId: e.roomIds[room]!,
    occupancy: 'owner_occupied',
    ...extra,
  });
  return h.id;
}

async function visit(who: string, payload: Record<string, unknown>) {
  const r = await call(who, { method: 'POST', url: '/api/visits', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  database = await createTestDb();
  const clock = new FixedClock(NOW);
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 2, floors: 3 });
  sugg = await createEstate(db, 'sugg', { buildings: 2, floors: 1 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  ids.leader1 = await createStaff(db, 'leader1', 'squad_leader', [estate], 'security');
  ids.leader2 = await createStaff(db, 'leader2', 'squad_leader', [estate], 'security');
  ids.butler = await createStaff(db, 'butler', 'butler', [estate, sugg], 'service');
  ids.culture = await createStaff(db, 'culture', 'culture', [estate], 'service');
  ids.guard = await createStaff(db, 'guard', 'guard', [estate], 'security');
  ids.manager = await createStaff(db, 'manager', 'manager', [estate, sugg], 'management');
  ids.foreign = await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  await db
    .insertInto('butler_buildings')
    .values({ estate_id: sugg.id, building_id: sugg.buildingIds[0]!, account_id: ids.butler })
    .execute();
  for (const u of ['leader1', 'leader2', 'butler', 'culture', 'guard', 'manager', 'foreignmgr'])
    await login(u);
  ids.h0 = await household(estate, 0, { hobbies: ['书法'], familyStructure: '夫妻二人' });
  ids.h1 = await household(estate, 1);
  ids.h2 = await household(estate, 2);
  ids.h3 = await household(estate, 3);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('recording visits (客户走访表)', () => {
  it('the OpenAPI contract lists every visit operation', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode, r.body).toBe(200);
    const ops = Object.values(r.json().paths as Record<string, Record<string, any>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    for (const op of [
      'createVisit',
      'listVisits',
      'getVisit',
      'suggestVisitHouseholds',
      'listLoyalGroups',
      'addLoyalGroupMember',
      'removeLoyalGroupMember',
      'logLoyalGroupContact',
    ])
      expect(ops).toContain(op);
  });

  it('a squad leader records an advisory visit; learned hobbies reach the archive with history', async () => {
    const v = await visit('leader1', {
      householdId: ids.h0,
      kind: 'advisory',
      metWhom: '王阿姨',
      hobbies: ['太极拳', '书法'],
      problems: ['楼道灯坏了', '希望增加健身器材'],
      satisfaction: 4,
      flyerGiven: true,
      writeBack: { hobbies: ['太极拳', '书法'] },
    });
    expect(v).toMatchObject({
      kind: 'advisory',
      visitorId: ids.leader1,
      visitorName: 'leader1-name',
      roomCode: '1-1-101',
      visitedAt: NOW.toISOString(),
      flyerGiven: true,
      satisfaction: 4,
      writeBack: { status: 'applied', fields: ['hobbies'], householdVersion: 2 },
      sensitiveFollowUp: [],
    });
    expect(v.problems).toEqual([
      { index: 0, text: '楼道灯坏了', requestId: null },
      { index: 1, text: '希望增加健身器材', requestId: null },
    ]);
    const h = await call('leader1', { method: 'GET', url: `/api/households/${ids.h0}` });
    expect(h.json().hobbies).toEqual(['书法', '太极拳']);
    const hist = await call('manager', { method: 'GET', url: `/api/households/${ids.h0}/history` });
    expect(hist.json()[0]).toMatchObject({
      actorName: 'leader1-name',
      version: 2,
      changes: [{ field: 'hobbies', old: ['书法'], new: ['书法', '太极拳'] }],
    });
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'visit.create')
      .execute();
    expect(audit).toEqual([{ actor_id: ids.leader1, target_id: v.id }]);
    const got = await call('guard', { method: 'GET', url: `/api/visits/${v.id}` });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().problems).toHaveLength(2);
  });

  it('a guard records home safety checks (S2) only: any other kind is 403', async () => {
    const r = await call('guard', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: ids.h1, kind: 'routine' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'SAFETY_CHECK_ONLY', details: { field: 'kind' } });
    const check = await call('guard', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: ids.h1, kind: 'safety_check', notes: '燃气阀门、门窗已检查' },
    });
    expect(check.statusCode, check.body).toBe(201);
    expect(check.json()).toMatchObject({ kind: 'safety_check', householdId: ids.h1 });
    // No suggestions of whom to visit (visit.record) for a guard.
    const s = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/visit-suggestions` });
    expect(s.statusCode).toBe(403);
  });

  it('the culture specialist records hobbies and skills; only what is new is written back', async () => {
    const v = await visit('culture', {
      householdId: ids.h0,
      kind: 'routine',
      hobbies: ['书法'],
      skills: ['剪纸'],
      familyChanges: '孙子出生',
      writeBack: { hobbies: ['书法'], skills: ['剪纸'], tags: ['文艺骨干'], familyStructure: '三代同堂' },
    });
    expect(v.writeBack).toEqual({
      status: 'applied',
      fields: ['skills', 'tags', 'familyStructure'],
      householdVersion: 3,
    });
    const h = (await call('culture', { method: 'GET', url: `/api/households/${ids.h0}` })).json();
    expect(h).toMatchObject({
      hobbies: ['书法', '太极拳'],
      skills: ['剪纸'],
      tags: ['文艺骨干'],
      familyStructure: '三代同堂',
    });
    const again = await visit('culture', {
      householdId: ids.h0,
      kind: 'routine',
      writeBack: { skills: ['剪纸'] },
    });
    expect(again.writeBack).toEqual({ status: 'unchanged', fields: [], householdVersion: 3 });
  });

  it('sensitive facts are not stored by a visit: the reply points to the consent flow', async () => {
    const bad = await call('butler', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: ids.h1, kind: 'routine', health: 'diabetes' },
    });
    expect(bad.statusCode).toBe(400);
    const byLeader = await visit('leader1', {
      householdId: ids.h1,
      kind: 'routine',
      sensitiveLearned: ['health'],
    });
    expect(byLeader.sensitiveFollowUp).toEqual([
      {
        category: 'health',
        purpose: 'health_care',
        consentActive: false,
        canWrite: false,
        next: 'ask_colleague',
        addFactPath: `/api/households/${ids.h1}/sensitive`,
        consentPath: `/api/households/${ids.h1}/consents`,
      },
    ]);
    const byButler = await visit('butler', {
      householdId: ids.h1,
      kind: 'routine',
      sensitiveLearned: ['health'],
    });
    expect(byButler.sensitiveFollowUp[0]).toMatchObject({ canWrite: true, next: 'record_consent' });
    const facts = await database.db.selectFrom('sensitive_facts').select('id').execute();
    expect(facts).toHaveLength(0);
  });

  it('rejects a visit in the future and an unknown household', async () => {
    const future = await call('butler', {
      method: 'POST',
      url: '/api/visits',
      payload: {
        householdId: ids.h2,
        kind: 'routine',
        visitedAt: new Date(NOW.getTime() + DAY).toISOString(),
      },
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('VISIT_IN_FUTURE');
    const missing = await call('butler', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: '01NOSUCHHOUSEHOLD', kind: 'routine' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists visits newest first, filtered by visitor (me or an id) and kind, page by page', async () => {
    await visit('leader1', {
      householdId: ids.h2,
      kind: 'loyal_group',
      visitedAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
    });
    const mine = await call('leader1', {
      method: 'GET',
      url: `/api/visits?visitorId=me&estateId=${estate.id}`,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json().items;
    expect(items.map((v: any) => v.kind)).toEqual(['routine', 'advisory', 'loyal_group']);
    expect(items.every((v: any) => v.visitorId === ids.leader1)).toBe(true);
    const advisory = await call('manager', {
      method: 'GET',
      url: `/api/visits?visitorId=${ids.leader1}&kind=advisory`,
    });
    expect(advisory.json().items.map((v: any) => v.householdId)).toEqual([ids.h0]);
    const culture = await call('manager', { method: 'GET', url: `/api/visits?visitorId=${ids.culture}` });
    expect(culture.json().items).toHaveLength(2);
    const since = await call('manager', {
      method: 'GET',
      url: `/api/visits?visitorId=me&from=${encodeURIComponent(new Date(NOW.getTime() - DAY).toISOString())}`,
    });
    expect(since.json().items).toHaveLength(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page: any = (await call('manager', { method: 'GET', url: `/api/visits?limit=2${q}` })).json();
      seen.push(...page.items.map((v: any) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await call('manager', { method: 'GET', url: '/api/visits?limit=200' })).json().items;
    expect(seen).toEqual(all.map((v: any) => v.id));
    expect(all).toHaveLength(7); // with the guard's safety check
  });

  it('a manager of another estate gets 404 for its visits, households, suggestions and groups', async () => {
    const any = (await call('manager', { method: 'GET', url: '/api/visits?limit=1' })).json().items[0];
    for (const url of [
      `/api/visits/${any.id}`,
      `/api/visits?estateId=${estate.id}`,
      `/api/estates/${estate.id}/visit-suggestions`,
      `/api/estates/${estate.id}/loyal-groups`,
    ]) {
      const r = await call('foreignmgr', { method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
    }
    const post = await call('foreignmgr', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: ids.h1, kind: 'routine' },
    });
    expect(post.statusCode).toBe(404);
    const add = await call('foreignmgr', {
      method: 'POST',
      url: `/api/estates/${estate.id}/loyal-groups/${ids.leader1}/members`,
      payload: { householdId: ids.h1 },
    });
    expect(add.statusCode).toBe(404);
    const own = await call('foreignmgr', { method: 'GET', url: '/api/visits' });
    expect(own.json().items).toHaveLength(0);
  });
});

describe('visit suggestions', () => {
  const s: Record<string, string> = {};

  beforeAll(async () => {
    // sugg: building 1 = rooms 0–3, building 2 = rooms 4–7.
    s.plain = await household(sugg, 0);
    s.care = await household(sugg, 1, { careFlags: ['elderly_alone'] });
    s.moved = await household(sugg, 2, { moveInDate: '2026-10-15' });
    s.oldMove = await household(sugg, 3, { moveInDate: '2025-01-01' });
    s.recent = await household(sugg, 4, { careFlags: ['elderly'] });
    s.stale = await household(sugg, 5);
    s.vacant = await household(sugg, 6, { occupancy: 'vacant' });
    await visit('manager', {
      householdId: s.recent,
      kind: 'routine',
      visitedAt: new Date(NOW.getTime() - DAY).toISOString(),
    });
    await visit('manager', {
      householdId: s.stale,
      kind: 'routine',
      visitedAt: new Date(NOW.getTime() - 100 * DAY).toISOString(),
    });
  });

  it('puts never-visited, care-flagged and newly moved-in households first and a just-visited one last', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${sugg.id}/visit-suggestions?limit=50`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.buildingIds).toBeNull();
    expect(body.items.map((x: any) => x.householdId)).toEqual([
      s.care,
      s.moved,
      s.plain,
      s.oldMove,
      s.stale,
      s.recent,
    ]);
    const [care, moved] = body.items;
    expect(care.reasons).toEqual([
      { code: 'never_visited', detail: null },
      { code: 'care_flag', detail: 'elderly_alone' },
    ]);
    expect(moved.reasons).toContainEqual({ code: 'recent_move_in', detail: '2026-10-15' });
    expect(body.items.at(-1)).toMatchObject({ daysSinceVisit: 1, lastVisitAt: '2026-11-26T02:00:00.000Z' });
    const top2 = await call('manager', {
      method: 'GET',
      url: `/api/estates/${sugg.id}/visit-suggestions?limit=2`,
    });
    expect(top2.json().items).toHaveLength(2);
  });

  it("a butler's suggestions stay within the buildings they look after", async () => {
    const r = await call('butler', { method: 'GET', url: `/api/estates/${sugg.id}/visit-suggestions` });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.buildingIds).toEqual([sugg.buildingIds[0]]);
    expect(body.items.map((x: any) => x.householdId).sort()).toEqual(
      [s.plain, s.care, s.moved, s.oldMove].sort(),
    );
    const elsewhere = await call('butler', {
      method: 'GET',
      url: `/api/estates/${sugg.id}/visit-suggestions?buildingId=${sugg.buildingIds[1]}`,
    });
    expect(elsewhere.json().items).toEqual([]);
    const guard = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/visit-suggestions` });
    expect(guard.statusCode).toBe(403);
  });
});

describe('loyal-household groups (S5)', () => {
  const base = () => `/api/estates/${estate.id}/loyal-groups`;
  const add = (who: string, leader: string, householdId: string) =>
    call(who, { method: 'POST', url: `${base()}/${leader}/members`, payload: { householdId } });
  const contact = (who: string, leader: string, payload: Record<string, unknown>) =>
    call(who, { method: 'POST', url: `${base()}/${leader}/contacts`, payload });

  it('a squad leader adds two households; a third already in another group is a 422', async () => {
    expect((await add('leader1', ids.leader1, ids.h0)).statusCode).toBe(201);
    expect((await add('leader1', ids.leader1, ids.h1)).statusCode).toBe(201);
    const dup = await add('leader1', ids.leader1, ids.h1);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('LOYAL_ALREADY_MEMBER');
    expect((await add('manager', ids.leader2, ids.h2)).statusCode).toBe(201);
    const taken = await add('leader1', ids.leader1, ids.h2);
    expect(taken.statusCode).toBe(422);
    expect(taken.json().error.code).toBe('LOYAL_IN_OTHER_GROUP');
    expect(taken.json().error.message).toContain('leader2-name');
  });

  it('only the leader or a manager edits a group; a guard cannot see groups', async () => {
    expect((await add('leader1', ids.leader2, ids.h3)).statusCode).toBe(403);
    expect((await add('manager', ids.butler, ids.h3)).statusCode).toBe(404);
    expect((await call('guard', { method: 'GET', url: base() })).statusCode).toBe(403);
  });

  it('logs contacts of members; the list counts this month and shows the last contact', async () => {
    const first = await contact('leader1', ids.leader1, {
      householdId: ids.h0,
      channel: 'visit',
      note: '送春联',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ roomCode: '1-1-101', channel: 'visit', at: NOW.toISOString() });
    const earlier = new Date(NOW.getTime() - 3600_000).toISOString();
    expect(
      (await contact('leader1', ids.leader1, { householdId: ids.h0, channel: 'wechat', at: earlier }))
        .statusCode,
    ).toBe(201);
    // 2026-10-31 23:00 Beijing: last month in the estate's time zone.
    const lastMonth = '2026-10-31T15:00:00Z';
    expect(
      (await contact('manager', ids.leader1, { householdId: ids.h1, channel: 'phone', at: lastMonth }))
        .statusCode,
    ).toBe(201);
    const notMember = await contact('leader1', ids.leader1, { householdId: ids.h3, channel: 'phone' });
    expect(notMember.statusCode).toBe(422);
    expect(notMember.json().error.code).toBe('LOYAL_NOT_MEMBER');

    const own = (await call('leader1', { method: 'GET', url: base() })).json();
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      leaderId: ids.leader1,
      leaderName: 'leader1-name',
      size: 2,
      contactsThisMonth: 2,
      householdsContactedThisMonth: 1,
      lastContactAt: NOW.toISOString(),
    });
    expect(own[0].members).toEqual([
      expect.objectContaining({ householdId: ids.h0, roomCode: '1-1-101', lastContactAt: NOW.toISOString() }),
      expect.objectContaining({
        householdId: ids.h1,
        roomCode: '1-1-102',
        lastContactAt: '2026-10-31T15:00:00.000Z',
      }),
    ]);
    const all = (await call('manager', { method: 'GET', url: base() })).json();
    expect(all.map((g: any) => [g.leaderId, g.size]).sort()).toEqual(
      [
        [ids.leader1, 2],
        [ids.leader2, 1],
      ].sort(),
    );
  });

  it('removes a member (the contact log stays); removing it again is a 404', async () => {
    const url = `${base()}/${ids.leader1}/members/${ids.h1}`;
    expect((await call('leader1', { method: 'DELETE', url })).statusCode).toBe(200);
    expect((await call('leader1', { method: 'DELETE', url })).statusCode).toBe(404);
    const own = (await call('leader1', { method: 'GET', url: base() })).json();
    expect(own[0].size).toBe(1);
    const log = await database.db.selectFrom('loyal_group_contacts').select('id').execute();
    expect(log).toHaveLength(3);
  });
});
