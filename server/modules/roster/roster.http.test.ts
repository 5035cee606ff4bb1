import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandCell } from '../../../contract/loans.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';

// The fixed clock: Friday 2026-11-27 10:00 in Beijing (02:00 UTC).
let t: TestApp;
let estate: TestEstate;
let nyEstate: TestEstate;
let other: TestEstate;
const ids: Record<string, string> = {};
const cookie: Record<string, string> = {};

const week = (from: string, to: string, days = [1, 2, 3, 4, 5, 6, 7]) =>
  days.map((weekday) => ({ weekday, start: from, end: to }));

const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.call(cookie[who], { method, url, payload: payload as Record<string, unknown> });

async function putShifts(who: string, accountId: string, shifts: unknown[], version: number, e = estate) {
  return call(who, 'PUT', `/api/estates/${e.id}/duty-roster/${accountId}/shifts`, { shifts, version });
}

async function onDuty(at: string, e = estate, who = 'tech1') {
  const r = await call(who, 'GET', `/api/estates/${e.id}/on-duty?at=${encodeURIComponent(at)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const names = (list: { items: { accountId: string }[] }) =>
  list.items.map((x) => Object.entries(ids).find(([, id]) => id === x.accountId)?.[0]).sort();

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 1 });
  nyEstate = await createEstate(db, 'hudson', { buildings: 1, floors: 1 });
  await db
    .updateTable('estates')
    .set({ time_zone: 'America/New_York' })
    .where('id', '=', nyEstate.id)
    .execute();
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultCatalog(db, estate.id, t.clock.now());
  for (const [u, role, team, es] of [
    ['guard1', 'guard', 'security', [estate]],
    ['guard2', 'guard', 'security', [estate]],
    ['squad', 'squad_leader', 'security', [estate]],
    ['tech1', 'technician', 'technical', [estate]],
    ['tech2', 'technician', 'technical', [estate]],
    ['manager', 'manager', 'management', [estate, nyEstate]],
    ['cleaner', 'cleaner', 'environment', [estate]],
    ['nyguard', 'guard', 'security', [nyEstate]],
    ['foreignmgr', 'manager', 'management', [other]],
  ] as const) {
    ids[u] = await createStaff(db, u, role, [...es], team);
    cookie[u] = await t.login(u);
  }
  // tech1 is the plumber (水电 matches plumbing); tech2 has no matching skill.
  await db
    .updateTable('staff_assignments')
    .set({ skills: JSON.stringify(['水电', '门窗']) })
    .where('account_id', '=', ids.tech1!)
    .execute();
});
afterAll(async () => t?.close());

describe('weekly patterns and who is on duty', () => {
  it('a squad leader sets a night guard (overnight) and a day guard; the versions start at 1', async () => {
    const night = await putShifts('squad', ids.guard1!, week('19:00', '07:00'), 0);
    expect(night.statusCode, night.body).toBe(200);
    expect(night.json()).toMatchObject({ version: 1 });
    expect(night.json().shifts[0]).toEqual({ weekday: 1, start: '19:00', end: '07:00' });
    const day = await putShifts('squad', ids.guard2!, week('07:00', '19:00', [1, 2, 3, 4, 5]), 0);
    expect(day.statusCode, day.body).toBe(200);
  });

  it('on duty now (Friday 10:00 Beijing): the day guard; the night guard is off', async () => {
    const r = await call('tech1', 'GET', `/api/estates/${estate.id}/on-duty`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      localDate: '2026-11-27',
      localTime: '10:00',
    });
    expect(names(r.json())).toEqual(['guard2']);
    expect(r.json().items[0]).toMatchObject({ team: 'security', from: '07:00', to: '19:00', extra: false });
  });

  it('across midnight: at 02:30 on Saturday the night guard of Friday is still on duty', async () => {
    const r = await onDuty('2026-11-28T02:30:00+08:00');
    expect(names(r)).toEqual(['guard1']);
    expect(r.items[0]).toMatchObject({ from: '19:00', to: '07:00' });
    // Sunday night runs into Monday morning.
    expect(names(await onDuty('2026-11-30T06:59:00+08:00'))).toEqual(['guard1']);
    expect(names(await onDuty('2026-11-30T07:00:00+08:00'))).toEqual(['guard2']);
  });

  it('leave removes someone: a day off on Friday takes the whole night that starts on Friday', async () => {
    const r = await call('squad', 'POST', `/api/estates/${estate.id}/duty-exceptions`, {
      accountId: ids.guard1,
      date: '2026-11-27',
      kind: 'leave',
      note: '年假',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'leave', start: null, end: null, note: '年假' });
    expect(names(await onDuty('2026-11-28T02:30:00+08:00'))).toEqual([]);
    // Thursday's night (into Friday morning) is not affected.
    expect(names(await onDuty('2026-11-27T05:00:00+08:00'))).toEqual(['guard1']);
    // Removing the leave puts the guard back.
    const del = await call('squad', 'DELETE', `/api/estates/${estate.id}/duty-exceptions/${r.json().id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(names(await onDuty('2026-11-28T02:30:00+08:00'))).toEqual(['guard1']);
  });

  it('timed leave cuts out part of a shift; an extra shift adds one', async () => {
    const leave = await call('manager', 'POST', `/api/estates/${estate.id}/duty-exceptions`, {
      accountId: ids.guard2,
      date: '2026-11-26',
      kind: 'leave',
      start: '13:00',
      end: '15:00',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    expect(names(await onDuty('2026-11-26T14:00:00+08:00'))).toEqual([]);
    expect(names(await onDuty('2026-11-26T15:00:00+08:00'))).toEqual(['guard2']);
    const extra = await call('squad', 'POST', `/api/estates/${estate.id}/duty-exceptions`, {
      accountId: ids.guard2,
      date: '2026-11-28',
      kind: 'extra',
      start: '09:00',
      end: '13:00',
      note: '顶班',
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const sat = await onDuty('2026-11-28T10:00:00+08:00');
    expect(names(sat)).toEqual(['guard2']);
    expect(sat.items[0]).toMatchObject({ from: '09:00', to: '13:00', extra: true });
  });

  it("time zone: an estate in New York is on duty by New York's clock", async () => {
    const r = await putShifts('manager', ids.nyguard!, week('09:00', '17:00', [5]), 0, nyEstate);
    expect(r.statusCode, r.body).toBe(200);
    // 15:00 UTC on Friday is 10:00 in New York (EST, UTC−5): on duty.
    const fri = await onDuty('2026-11-27T15:00:00Z', nyEstate, 'manager');
    expect(fri).toMatchObject({ timeZone: 'America/New_York', localDate: '2026-11-27', localTime: '10:00' });
    expect(fri.items.map((x: any) => x.accountId)).toEqual([ids.nyguard]);
    // The test clock (02:00 UTC Friday) is still Thursday 21:00 there: off duty.
    const now = await call('manager', 'GET', `/api/estates/${nyEstate.id}/on-duty`);
    expect(now.json()).toMatchObject({ localDate: '2026-11-26', localTime: '21:00', items: [] });
  });

  it('the week view: members per team with their shifts, the week’s leave, and who is on duty now', async () => {
    const r = await call(
      'tech1',
      'GET',
      `/api/estates/${estate.id}/duty-roster?team=security&week=2026-11-26`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const roster = r.json();
    expect(roster).toMatchObject({ weekStart: '2026-11-23', timeZone: 'Asia/Shanghai' });
    expect(roster.teams.map((x: any) => x.code)).toEqual(['security']);
    const by = Object.fromEntries(roster.teams[0].members.map((m: any) => [m.accountId, m]));
    expect(by[ids.guard1!]).toMatchObject({ version: 1, onDutyNow: false });
    expect(by[ids.guard1!].shifts).toHaveLength(7);
    expect(by[ids.guard2!]).toMatchObject({ version: 1, onDutyNow: true });
    expect(by[ids.guard2!].exceptions.map((e: any) => [e.date, e.kind])).toEqual([
      ['2026-11-26', 'leave'],
      ['2026-11-28', 'extra'],
    ]);
    expect(by[ids.squad!]).toMatchObject({ version: 0, shifts: [], onDutyNow: false });
  });
});

describe('editing rules', () => {
  it('a stale version is refused (412) and nothing changes; of two edits at the same version one wins', async () => {
    const stale = await putShifts('squad', ids.guard1!, week('07:00', '19:00'), 0);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const [a, b] = await Promise.all([
      putShifts('squad', ids.guard1!, week('18:00', '06:00'), 1),
      putShifts('manager', ids.guard1!, week('20:00', '08:00'), 1),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
  });

  it('bad input gets 400 naming the field, in the user’s language', async () => {
    const overlap = await t.call(cookie.squad, {
      method: 'PUT',
      url: `/api/estates/${estate.id}/duty-roster/${ids.guard2}/shifts`,
      headers: { 'accept-language': 'zh-CN' },
      payload: {
        version: 1,
        shifts: [
          { weekday: 1, start: '19:00', end: '07:00' },
          { weekday: 2, start: '06:00', end: '12:00' },
        ],
      },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error).toMatchObject({
      code: 'ROSTER_SHIFT_OVERLAP',
      details: { field: 'shifts.1' },
    });
    expect(overlap.json().error.message).toContain('第 2 个班次');
    const badTime = await putShifts('squad', ids.guard2!, [{ weekday: 1, start: '25:00', end: '07:00' }], 1);
    expect(badTime.statusCode).toBe(400);
    expect(JSON.stringify(badTime.json().error.details)).toContain('shifts');
    const noTimes = await t.call(cookie.squad, {
      method: 'POST',
      url: `/api/estates/${estate.id}/duty-exceptions`,
      headers: { 'accept-language': 'en' },
      payload: { accountId: ids.guard2, date: '2026-11-29', kind: 'extra' },
    });
    expect(noTimes.statusCode).toBe(400);
    expect(noTimes.json().error).toMatchObject({
      code: 'DUTY_EXTRA_TIMES_REQUIRED',
      details: { field: 'start' },
    });
    expect(noTimes.json().error.message).toContain('extra shift');
  });

  it('who may edit: dispatchers and managers; technicians and cleaners read only; other estates 404', async () => {
    expect((await putShifts('tech1', ids.tech1!, week('08:00', '17:00'), 0)).statusCode).toBe(403);
    const leave = { accountId: ids.guard1, date: '2026-12-01', kind: 'leave' };
    expect(
      (await call('cleaner', 'POST', `/api/estates/${estate.id}/duty-exceptions`, leave)).statusCode,
    ).toBe(403);
    expect((await call('cleaner', 'GET', `/api/estates/${estate.id}/duty-roster`)).statusCode).toBe(200);
    expect((await call('foreignmgr', 'GET', `/api/estates/${estate.id}/duty-roster`)).statusCode).toBe(404);
    // Somebody who does not work in the estate cannot be put on its roster.
    const foreign = await putShifts('squad', ids.foreignmgr!, week('08:00', '17:00'), 0);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('ROSTER_STAFF_NOT_FOUND');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'duty_roster.%')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'duty_roster.replace_shifts',
        'duty_roster.add_leave',
        'duty_roster.add_extra',
        'duty_roster.delete_leave',
      ]),
    );
  });
});

describe('the roster in use', () => {
  it('assignment suggestions put whoever is on duty first, then skill, and say so', async () => {
    const catalog = await t.database.db
      .selectFrom('service_catalog')
      .select(['id'])
      .where('estate_id', '=', estate.id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow();
    const req = await t.c.serviceRequests.create(systemActor([estate.id]), {
      estateId: estate.id,
      catalogId: catalog.id,
      location: '1栋大堂',
      priority: 'normal',
      description: '水龙头漏水',
      channel: 'phone',
    });
    const url = `/api/service-requests/${req.id}/assignee-suggestions`;
    // No roster for the technical team yet: skill first, onDuty unknown.
    const before = (await call('squad', 'GET', url)).json();
    expect(before.map((s: any) => [s.accountId, s.skillMatch, s.onDuty])).toEqual([
      [ids.tech1, true, null],
      [ids.tech2, false, null],
    ]);
    // tech2 works Friday daytime, tech1 only on Saturdays: tech2 comes first now.
    expect(
      (await putShifts('squad', ids.tech2!, week('08:00', '17:00', [1, 2, 3, 4, 5]), 0)).statusCode,
    ).toBe(200);
    expect((await putShifts('squad', ids.tech1!, week('08:00', '17:00', [6]), 0)).statusCode).toBe(200);
    const after = (await call('squad', 'GET', url)).json();
    expect(after.map((s: any) => [s.accountId, s.skillMatch, s.onDuty])).toEqual([
      [ids.tech2, false, true],
      [ids.tech1, true, false],
    ]);
  });

  it('demand peaks measure coverage against the roster: staff on duty per hour × weekday, leave counted', async () => {
    // Over the last 4 weeks tech2 took one Monday off (of four): Monday daytime has 0.8 on duty.
    const leave = await call('squad', 'POST', `/api/estates/${estate.id}/duty-exceptions`, {
      accountId: ids.tech2,
      date: '2026-11-16',
      kind: 'leave',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    // Two requests on Wednesday at 10:xx: one technician on duty handles 1.5 an hour.
    const faucet = await t.database.db
      .selectFrom('service_catalog')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow();
    for (const at of ['2026-11-25T10:05:00+08:00', '2026-11-25T10:40:00+08:00']) {
      t.clock.set(new Date(at));
      await t.c.serviceRequests.create(systemActor([estate.id]), {
        estateId: estate.id,
        catalogId: faucet.id,
        location: '2栋',
        priority: 'normal',
        description: '漏水',
        channel: 'phone',
      });
    }
    t.clock.set(new Date('2026-11-27T02:00:00Z'));
    const r = await call('manager', 'GET', `/api/estates/${estate.id}/demand-peaks?weeks=4&team=technical`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.rosterSource).toBe('roster');
    const cell = (w: number, h: number) =>
      (p.cells as DemandCell[]).find((c) => c.weekday === w && c.hour === h)!;
    expect(cell(5, 10)).toMatchObject({ onDuty: 1, suggested: 1 });
    expect(cell(1, 10).onDuty).toBe(0.8);
    expect(cell(6, 9)).toMatchObject({ onDuty: 1, suggested: 1 });
    // Sunday and nights: nobody on the roster, nothing suggested without demand.
    expect(cell(7, 10)).toMatchObject({ onDuty: 0, suggested: 0 });
    expect(cell(3, 17)).toMatchObject({ onDuty: 0, suggested: 0 });
    // Wednesday 10:00: 2 requests in 4 weeks = 0.5 an hour, one on duty: covered.
    expect(cell(3, 10)).toMatchObject({ requests: 2, onDuty: 1, suggested: 1, underCovered: false });
    // A team without a roster (or posts) keeps the old behaviour.
    const env = await call('manager', 'GET', `/api/estates/${estate.id}/demand-peaks?team=environment`);
    expect(env.json().rosterSource).toBe('none');
  });
});
