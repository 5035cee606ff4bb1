import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultPlan } from '../plan/index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const hh: string[] = [];
let otherHousehold: string;

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

async function createOrg(payload: Record<string, unknown>, who = 'manager') {
  const r = await call(who, { method: 'POST', url: `/api/estates/${estate.id}/organizations`, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 2 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultPlan(db, estate.id, NOW);
  for (const [u, role, team] of [
    ['manager', 'manager', 'management'],
    ['culture', 'culture', 'service'],
    ['butler', 'butler', 'service'],
    ['guard', 'guard', 'security'],
  ] as const)
    ids[u] = await createStaff(db, u, role, [estate], team);
  ids.foreignmgr = await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  for (const u of ['manager', 'culture', 'butler', 'guard', 'foreignmgr']) cookies[u] = await t.login(u);
  for (const roomId of estate.roomIds.slice(0, 3))
    hh.push(
      (
        await t.c.households.create(systemActor([estate.id]), {
          estateId: estate.id,
          roomId,
          occupancy: 'owner_occupied',
        })
      ).id,
    );
  otherHousehold = (
    await t.c.households.create(systemActor([other.id]), {
      estateId: other.id,
      roomId: other.roomIds[0]!,
      occupancy: 'owner_occupied',
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

describe("owners' organizations (C4)", () => {
  it('a manager creates an organization; every staff member of the estate sees it, another estate does not', async () => {
    const o = await createOrg({
      name: '老年协会',
      kind: 'elderly_association',
      description: '每周活动，关注独居老人',
      managerId: ids.manager,
      meetingPlace: '会所二楼活动室',
      meetingTime: '每周三 09:30',
    });
    expect(o).toMatchObject({
      name: '老年协会',
      kind: 'elderly_association',
      managerId: ids.manager,
      managerName: 'manager-name',
      memberCount: 0,
      lastContactAt: null,
      version: 1,
      members: [],
    });
    ids.org = o.id;
    const list = await call('guard', { method: 'GET', url: `/api/estates/${estate.id}/organizations` });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { name: string }) => x.name)).toEqual(['老年协会']);
    const foreign = await call('foreignmgr', { method: 'GET', url: `/api/organizations/${o.id}` });
    expect(foreign.statusCode).toBe(404);
    const foreignList = await call('foreignmgr', {
      method: 'GET',
      url: `/api/estates/${estate.id}/organizations`,
    });
    expect(foreignList.statusCode).toBe(404);
  });

  it('only managers create and edit; a guard is refused', async () => {
    const r = await call('guard', {
      method: 'POST',
      url: `/api/estates/${estate.id}/organizations`,
      payload: { name: '舞蹈队', kind: 'dance_team', managerId: ids.manager },
    });
    expect(r.statusCode).toBe(403);
    const u = await call('culture', {
      method: 'PATCH',
      url: `/api/organizations/${ids.org}`,
      payload: { version: 1, name: '老年人协会' },
    });
    expect(u.statusCode).toBe(403);
  });

  it('bad input is a 400 naming the field, in the caller’s language', async () => {
    const r = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/organizations`,
      headers: { 'accept-language': 'en' },
      payload: { name: '', kind: 'choir', managerId: ids.manager },
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/name/);
    expect(r.body).toMatch(/kind/);
    const staff = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/organizations`,
      payload: { name: '书画社', kind: 'calligraphy_painting', managerId: ids.foreignmgr },
    });
    expect(staff.statusCode).toBe(400);
    expect(staff.json().error.message).toContain('managerId');
    expect(staff.json().error.message).toContain('不在本小区');
    const dup = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/organizations`,
      payload: { name: '老年协会', kind: 'other', managerId: ids.manager },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ORGANIZATION_NAME_TAKEN');
  });

  it('edits need the current version: a stale one is refused and changes nothing', async () => {
    const ok = await call('manager', {
      method: 'PATCH',
      url: `/api/organizations/${ids.org}`,
      payload: { version: 1, meetingTime: '每周四 09:30', managerId: ids.culture },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, meetingTime: '每周四 09:30', managerName: 'culture-name' });
    const stale = await call('manager', {
      method: 'PATCH',
      url: `/api/organizations/${ids.org}`,
      payload: { version: 1, meetingTime: '每周五' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const none = await call('manager', {
      method: 'PATCH',
      url: `/api/organizations/${ids.org}`,
      payload: { name: 'x' },
    });
    expect(none.statusCode).toBe(428);
    const now = await call('guard', { method: 'GET', url: `/api/organizations/${ids.org}` });
    expect(now.json().meetingTime).toBe('每周四 09:30');
    expect(now.headers.etag).toBe('"2"');
  });

  it('members with roles; a household once; one of another estate is refused', async () => {
    const add = await call('culture', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/members`,
      payload: { householdId: hh[0], role: '会长' },
    });
    expect(add.statusCode, add.body).toBe(201);
    await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/members`,
      payload: { householdId: hh[1] },
    });
    const again = await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/members`,
      payload: { householdId: hh[0] },
    });
    expect(again.statusCode).toBe(409);
    const foreign = await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/members`,
      payload: { householdId: otherHousehold },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.field).toBe('householdId');
    const guard = await call('guard', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/members`,
      payload: { householdId: hh[2] },
    });
    expect(guard.statusCode).toBe(403);
    const d = (await call('guard', { method: 'GET', url: `/api/organizations/${ids.org}` })).json();
    expect(d.memberCount).toBe(2);
    expect(
      d.members.map((m: { householdId: string; role: string | null }) => [m.householdId, m.role]),
    ).toEqual([
      [hh[0], '会长'],
      [hh[1], null],
    ]);
    const rm = await call('manager', {
      method: 'DELETE',
      url: `/api/organizations/${ids.org}/members/${hh[1]}`,
    });
    expect(rm.statusCode).toBe(200);
    expect(rm.json().memberCount).toBe(1);
    const rm2 = await call('manager', {
      method: 'DELETE',
      url: `/api/organizations/${ids.org}/members/${hh[1]}`,
    });
    expect(rm2.statusCode).toBe(404);
  });

  it('the contact log: who may log, newest first, follow-ups marked done with the version', async () => {
    const denied = await call('butler', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/contacts`,
      payload: { channel: 'phone', summary: '问候' },
    });
    expect(denied.statusCode).toBe(403);
    const first = await call('culture', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/contacts`,
      payload: {
        contactedAt: '2026-11-20T07:00:00Z',
        channel: 'meeting',
        summary: '参加协会例会，商定重阳节活动',
        followUp: '借用会所场地',
      },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      staffId: ids.culture,
      followUp: '借用会所场地',
      followUpDoneAt: null,
    });
    const second = await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/contacts`,
      payload: { channel: 'phone', summary: '电话回访会长', staffId: ids.butler },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().staffName).toBe('butler-name');
    const future = await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/contacts`,
      payload: { channel: 'phone', summary: 'x', contactedAt: '2026-12-01T00:00:00Z' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('contactedAt');
    const empty = await call('manager', {
      method: 'POST',
      url: `/api/organizations/${ids.org}/contacts`,
      payload: { channel: 'phone', summary: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/summary/);

    const log = (
      await call('guard', { method: 'GET', url: `/api/organizations/${ids.org}/contacts` })
    ).json();
    expect(log.items.map((x: { summary: string }) => x.summary)).toEqual([
      '电话回访会长',
      '参加协会例会，商定重阳节活动',
    ]);
    const org = (await call('guard', { method: 'GET', url: `/api/organizations/${ids.org}` })).json();
    expect(org.lastContactAt).toBe(NOW.toISOString());
    expect(org.openFollowUps).toBe(1);

    const done = await call('culture', {
      method: 'PATCH',
      url: `/api/organization-contacts/${first.json().id}`,
      payload: { version: 1, followUpDone: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().followUpDoneAt).toBe(NOW.toISOString());
    const stale = await call('culture', {
      method: 'PATCH',
      url: `/api/organization-contacts/${first.json().id}`,
      payload: { version: 1, followUpDone: false },
    });
    expect(stale.statusCode).toBe(412);
    const noFollowUp = await call('manager', {
      method: 'PATCH',
      url: `/api/organization-contacts/${second.json().id}`,
      payload: { version: 1, followUpDone: true },
    });
    expect(noFollowUp.statusCode).toBe(409);
    const open = (
      await call('guard', { method: 'GET', url: `/api/organizations/${ids.org}/contacts?openFollowUps=true` })
    ).json();
    expect(open.items).toEqual([]);
    const foreign = await call('foreignmgr', {
      method: 'GET',
      url: `/api/organizations/${ids.org}/contacts`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('the KPI board shows the latest contact as C4 evidence', async () => {
    const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/kpi` });
    expect(r.statusCode, r.body).toBe(200);
    const c4 = r.json().rows.find((x: { measureCode: string }) => x.measureCode === 'C4');
    expect(c4.status).toBe('no_commitment');
    expect(c4.latestEvidence).toMatchObject({ type: 'organization_contact', at: NOW.toISOString() });
    expect(c4.latestEvidence.summary).toBe('最近联络：老年协会');
  });

  it('writes leave audit entries', async () => {
    const rows = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('estate_id', '=', estate.id)
      .where('action', 'like', 'organization.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'organization.create',
      'organization.update',
      'organization.member.add',
      'organization.member.remove',
      'organization.contact.log',
      'organization.contact.follow_up',
    ])
      expect(actions).toContain(a);
  });
});
