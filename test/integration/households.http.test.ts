import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../helpers/factories.js';

let t: TestApp;
let estate: TestEstate;
let other: TestEstate;
let butler: string;
let guard: string;
let foreignManager: string;

async function createHousehold(cookie: string, roomIndex: number, extra: Record<string, unknown> = {}) {
  const r = await t.call(cookie, {
    method: 'POST',
    url: '/api/households',
    payload: {
      estateId: estate.id,
      roomId: estate.roomIds[roomIndex],
      occupancy: 'owner_occupied',
      members: [
        {
          name: '王建国',
          relation: '本人',
          role: 'owner',
          phone: '13812345678',
          ageBand: '60to79',
          isPrimary: true,
        },
        { name: '李秀英', relation: '配偶', role: 'family', phone: '13900001111', ageBand: '60to79' },
      ],
      tags: ['太极拳队'],
      careFlags: ['elderly'],
      vehicles: [{ plate: '京A1234B' }],
      ...extra,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  estate = await createEstate(t.database.db, 'lvyuan');
  other = await createEstate(t.database.db, 'other');
  await createStaff(t.database.db, 'butler', 'butler', [estate], 'service');
  await createStaff(t.database.db, 'guard', 'guard', [estate], 'security');
  await createStaff(t.database.db, 'foreignmgr', 'manager', [other], 'management');
  butler = await t.login('butler');
  guard = await t.login('guard');
  foreignManager = await t.login('foreignmgr');
});
afterAll(async () => t.close());

describe('household archive over HTTP', () => {
  let id: string;

  it('a butler creates an archive; the plate tail of 京A1234B counts a letter as 0', async () => {
    const h = await createHousehold(butler, 0);
    id = h.id;
    expect(h.roomCode).toBe('1-1-101');
    expect(h.primaryName).toBe('王建国');
    expect(h.members[0].phone).toBe('13812345678');
    expect(h.vehicles[0].tailDigit).toBe(0);
    expect(h.version).toBe(1);
  });

  it('a second archive for the same room is a 409', async () => {
    const r = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      payload: { estateId: estate.id, roomId: estate.roomIds[0], occupancy: 'vacant' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('ROOM_HAS_HOUSEHOLD');
  });

  it.each([
    ['1-1-101'],
    ['1栋1单元101'],
    ['1-1'],
    ['1号楼1单元101室'],
    ['王建国'],
    ['王'],
    ['5678'],
    ['13812345678'],
    ['太极拳队'],
  ])('finds it by %s', async (q) => {
    const r = await t.call(butler, { method: 'GET', url: `/api/households?q=${encodeURIComponent(q)}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((x: any) => x.id)).toContain(id);
  });

  it('does not find it by an unrelated query', async () => {
    const r = await t.call(butler, {
      method: 'GET',
      url: `/api/households?q=${encodeURIComponent('2-1-101')}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toHaveLength(0);
  });

  it('lists mask phones; a guard sees masked phones in the archive too', async () => {
    const list = await t.call(butler, { method: 'GET', url: '/api/households' });
    expect(list.json().items[0].primaryPhone).toBe('138****5678');
    const g = await t.call(guard, { method: 'GET', url: `/api/households/${id}` });
    expect(g.statusCode).toBe(200);
    expect(g.json().members[0].phone).toBe('138****5678');
  });

  it('a manager of another estate gets 404 for it and it is audited as a denial', async () => {
    const r = await t.call(foreignManager, { method: 'GET', url: `/api/households/${id}` });
    expect(r.statusCode).toBe(404);
    const missing = await t.call(foreignManager, { method: 'GET', url: '/api/households/01NOSUCHID' });
    expect(r.json()).toEqual(missing.json());
    const denied = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('edits with the version; a stale version gets 412 and nothing is written', async () => {
    const ok = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: 1, hobbies: ['书法'], notes: '喜欢清静' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: 1, notes: '覆盖' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const now = await t.call(butler, { method: 'GET', url: `/api/households/${id}` });
    expect(now.json().notes).toBe('喜欢清静');
    const viaIfMatch = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      headers: { 'if-match': '"2"' },
      payload: { occupancy: 'rented' },
    });
    expect(viaIfMatch.statusCode).toBe(200);
    const none = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { notes: 'x' },
    });
    expect(none.statusCode).toBe(428);
  });

  it('keeps a member phone that was omitted, and the history shows who changed what', async () => {
    const cur = (await t.call(butler, { method: 'GET', url: `/api/households/${id}` })).json();
    const members = cur.members.map((m: any) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      relation: m.relation,
      ageBand: m.ageBand,
      isPrimary: m.isPrimary,
    }));
    members[1].relation = '妻子';
    const r = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: cur.version, members },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().members[0].phone).toBe('13812345678');
    const h = await t.call(butler, { method: 'GET', url: `/api/households/${id}/history` });
    const all = h.json().flatMap((x: any) => x.changes.map((c: any) => ({ ...c, by: x.actorName })));
    expect(all).toContainEqual({ field: 'notes', old: null, new: '喜欢清静', by: 'butler-name' });
    expect(all).toContainEqual({
      field: 'members[李秀英].relation',
      old: '配偶',
      new: '妻子',
      by: 'butler-name',
    });
    expect(all).toContainEqual({
      field: 'occupancy',
      old: 'owner_occupied',
      new: 'rented',
      by: 'butler-name',
    });
  });

  it('a guard cannot edit (403, audited)', async () => {
    const r = await t.call(guard, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: 4, notes: 'x' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('an under-14 member needs the guardian consent first', async () => {
    const cur = (await t.call(butler, { method: 'GET', url: `/api/households/${id}` })).json();
    const members = [
      ...cur.members.map((m: any) => ({ id: m.id, name: m.name, role: m.role })),
      { name: '王小明', role: 'family', relation: '孙子', ageBand: 'under14' },
    ];
    const refused = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: cur.version, members },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('MINOR_CONSENT_REQUIRED');
    const c = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/consents`,
      payload: { purpose: 'minor_info', grantedByName: '王建国', method: 'paper_form' },
    });
    expect(c.statusCode, c.body).toBe(201);
    const ok = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: cur.version, members },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const asGuard = await t.call(guard, { method: 'GET', url: `/api/households/${id}` });
    expect(asGuard.json().members.find((m: any) => m.ageBand === 'under14').name).toBe('王*明');
  });

  it('sensitive facts need consent, reads are audited, withdrawal erases them', async () => {
    const refused = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/sensitive`,
      payload: { category: 'health', conditions: ['hypertension'] },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CONSENT_REQUIRED');
    const consent = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/consents`,
      payload: { purpose: 'health_care', grantedByName: '王建国', method: 'paper_form' },
    });
    const fact = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/sensitive`,
      payload: { category: 'health', conditions: ['hypertension'], note: '冬季注意' },
    });
    expect(fact.statusCode, fact.body).toBe(201);
    const read = await t.call(butler, { method: 'GET', url: `/api/households/${id}/sensitive` });
    expect(read.json().map((f: any) => f.detail.conditions)).toContainEqual(['hypertension']);
    const audits = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'sensitive.read')
      .where('target_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
    const guardRead = await t.call(guard, { method: 'GET', url: `/api/households/${id}/sensitive` });
    expect(guardRead.statusCode).toBe(403);
    const w = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/consents/${consent.json().id}/withdraw`,
    });
    expect(w.statusCode).toBe(200);
    expect(w.json().active).toBe(false);
    const after = await t.call(butler, { method: 'GET', url: `/api/households/${id}/sensitive` });
    expect(after.json().filter((f: any) => f.category === 'health')).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('names the field and reason in Chinese by default and English on request', async () => {
    const body = {
      estateId: estate.id,
      roomId: estate.roomIds[1],
      occupancy: 'owner_occupied',
      members: [{ name: '张三', role: 'owner', phone: '12345' }],
    };
    const zh = await t.call(butler, { method: 'POST', url: '/api/households', payload: body });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('VALIDATION_FAILED');
    expect(zh.json().error.message).toContain('members.0.phone');
    expect(zh.json().error.message).toContain('应为11位手机号');
    const en = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: body,
    });
    expect(en.json().error.message).toContain('members.0.phone');
    expect(en.json().error.message).toContain('11-digit mobile');
  });

  it('refuses unknown fields (mass assignment), malformed JSON and oversized strings', async () => {
    const unknown = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      payload: {
        estateId: estate.id,
        roomId: estate.roomIds[1],
        occupancy: 'vacant',
        version: 99,
        role: 'admin',
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('不允许的字段');
    const bad = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      headers: { 'content-type': 'application/json' },
      payload: '{"estateId":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const long = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      payload: {
        estateId: estate.id,
        roomId: estate.roomIds[1],
        occupancy: 'vacant',
        notes: 'x'.repeat(5000),
      },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('notes');
    const count = await t.database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('a request without a session gets 401', async () => {
    const r = await t.call(undefined, { method: 'GET', url: '/api/households' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('estates', () => {
  it('an admin creates an estate with its five teams; a duplicate code is a 409; a bad time zone a 400', async () => {
    const { createStaff: mk } = await import('../helpers/factories.js');
    await mk(t.database.db, 'root', 'admin', []);
    const admin = await t.login('root');
    const r = await t.call(admin, {
      method: 'POST',
      url: '/api/estates',
      payload: { code: 'xinyuan', name: '新苑', city: '上海' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      code: 'xinyuan',
      timeZone: 'Asia/Shanghai',
      counts: { buildings: 0, households: 0 },
    });
    const teams = await t.call(admin, { method: 'GET', url: `/api/estates/${r.json().id}/teams` });
    expect(
      teams
        .json()
        .map((x: any) => x.code)
        .sort(),
    ).toEqual(['environment', 'management', 'security', 'service', 'technical']);
    const dup = await t.call(admin, {
      method: 'POST',
      url: '/api/estates',
      payload: { code: 'xinyuan', name: '新苑', city: '上海' },
    });
    expect(dup.statusCode).toBe(409);
    const tz = await t.call(admin, {
      method: 'POST',
      url: '/api/estates',
      payload: { code: 'tz', name: 'x', city: 'y', timeZone: 'Mars/Base' },
    });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.code).toBe('INVALID_TIME_ZONE');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for a retry, refuses the key for another payload, and says 409 while in flight', async () => {
    const body = { estateId: estate.id, roomId: estate.roomIds[7], occupancy: 'vacant' as const };
    const headers = { 'idempotency-key': 'create-2-1-201-attempt' };
    const first = await t.call(butler, { method: 'POST', url: '/api/households', headers, payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await t.call(butler, { method: 'POST', url: '/api/households', headers, payload: body });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const n = await t.database.db
      .selectFrom('households')
      .select('id')
      .where('room_id', '=', estate.roomIds[7]!)
      .execute();
    expect(n).toHaveLength(1);
    const other = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      headers,
      payload: { ...body, occupancy: 'rented' },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const me = (await t.call(butler, { method: 'GET', url: '/api/auth/me' })).json();
    await t.database.db
      .insertInto('idempotency_keys')
      .values({
        key: 'busy',
        account_id: me.id,
        request_hash: 'x',
        status: 0,
        response: 'null',
        created_at: new Date().toISOString(),
      })
      .execute();
    const busy = await t.call(butler, {
      method: 'POST',
      url: '/api/households',
      headers: { 'idempotency-key': 'busy' },
      payload: body,
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
  });
});

describe('butlers of buildings', () => {
  it('a manager assigns a butler to a building; a guard cannot be a building butler', async () => {
    await createStaff(t.database.db, 'mgr', 'manager', [estate], 'management');
    const mgr = await t.login('mgr');
    const ids = await t.database.db
      .selectFrom('accounts')
      .select(['id', 'username'])
      .where('username', 'in', ['butler', 'guard'])
      .execute();
    const butlerId = ids.find((x) => x.username === 'butler')!.id;
    const guardId = ids.find((x) => x.username === 'guard')!.id;
    const url = `/api/estates/${estate.id}/buildings/${estate.buildingIds[1]}/butlers`;
    const ok = await t.call(mgr, { method: 'PUT', url, payload: { accountIds: [butlerId] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().butlers).toEqual([{ id: butlerId, displayName: 'butler-name' }]);
    const bad = await t.call(mgr, { method: 'PUT', url, payload: { accountIds: [guardId] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('NOT_A_BUTLER');
    const staff = await t.call(mgr, { method: 'GET', url: `/api/estates/${estate.id}/staff` });
    expect(staff.json().find((s: any) => s.accountId === butlerId).buildings).toEqual(['2']);
  });
});
