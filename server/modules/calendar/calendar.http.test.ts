import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/auth.js';
import { createEstate, createStaff, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';

let app: FastifyInstance;
let database: Database;
const cookies: Partial<Record<Role, string>> = {};

const STAFF: Role[] = [
  'admin',
  'manager',
  'butler',
  'culture',
  'guard',
  'squad_leader',
  'technician',
  'cleaner',
  'env_supervisor',
];

async function call(role: Role | null, opts: InjectOptions) {
  const cookie = role ? cookies[role] : undefined;
  return app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
}

beforeAll(async () => {
  database = await createTestDb();
  const clock = new FixedClock(new Date('2026-11-27T02:00:00Z')); // Friday 10:00 in Beijing
  const container = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  app = await buildApp({ container, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const estate = await createEstate(database.db, 'lvyuan', { buildings: 1, floors: 1 });
  for (const role of STAFF) {
    await createStaff(database.db, `u_${role}`, role, [estate]);
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `u_${role}`, password: TEST_PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    cookies[role] = `sid=${r.cookies.find((c) => c.name === 'sid')!.value}`;
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/calendar/day (getCalendarDay)', () => {
  it('today by default (2026-11-27 in Asia/Shanghai), warning that 2027 is not entered', async () => {
    const r = await call('guard', { method: 'GET', url: '/api/calendar/day' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      date: '2026-11-27',
      weekday: 5,
      dayKind: 'workday',
      holidayName: null,
      solarTerm: null,
      nextYear: 2027,
      nextYearScheduleMissing: true,
      lunar: { text: '农历十月十九', ganzhiYear: '丙午', zodiac: '马' },
    });
  });

  it('中秋 2026: festival and statutory holiday', async () => {
    const r = await call('cleaner', { method: 'GET', url: '/api/calendar/day?date=2026-09-25' });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.dayKind).toBe('holiday');
    expect(d.holidayName).toBe('中秋节');
    expect(d.festivals).toContainEqual({
      name: '中秋节',
      nameEn: 'Mid-Autumn Festival',
      kind: 'traditional',
      statutory: true,
    });
  });

  it('冬至 on 2026-12-22 and a make-up Saturday on 2026-02-14', async () => {
    expect(
      (await call('guard', { method: 'GET', url: '/api/calendar/day?date=2026-12-22' })).json().solarTerm,
    ).toBe('冬至');
    const sat = (await call('guard', { method: 'GET', url: '/api/calendar/day?date=2026-02-14' })).json();
    expect(sat).toMatchObject({ dayKind: 'makeup_workday', holidayName: '春节', weekday: 6 });
  });

  it.each([['2026-13-01'], ['2026-02-30'], ['20261127'], ['tomorrow'], ['1800-01-01']])(
    'a bad date (%s) is a 400 naming the field',
    async (date) => {
      const r = await call('guard', { method: 'GET', url: `/api/calendar/day?date=${date}` });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.message).toContain('date');
      expect(r.json().error.details.issues[0].field).toBe('querystring.date');
    },
  );

  it('anonymous requests get 401', async () => {
    for (const url of [
      '/api/calendar/day',
      '/api/calendar/holidays',
      '/api/plate-restriction',
      '/api/plate-rules',
    ]) {
      const r = await call(null, { method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
    }
  });
});

describe('GET /api/plate-restriction (getPlateRestriction)', () => {
  it('Beijing today (Friday 2026-11-27): 4 and 9, by name, code or default', async () => {
    for (const q of ['', '?city=%E5%8C%97%E4%BA%AC', '?city=beijing&date=2026-11-27']) {
      const r = await call('technician', { method: 'GET', url: `/api/plate-restriction${q}` });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        city: 'beijing',
        cityName: '北京',
        date: '2026-11-27',
        restricted: true,
        digits: [4, 9],
        reason: 'rule',
        hoursText: '07:00–20:00',
        plate: null,
      });
    }
  });

  it('National Day is a holiday: not restricted, with the reason in both languages', async () => {
    const r = await call('guard', {
      method: 'GET',
      url: '/api/plate-restriction?city=beijing&date=2026-10-01',
    });
    expect(r.json()).toMatchObject({
      restricted: false,
      digits: [],
      reason: 'holiday',
      reasonText: { zh: '国庆节假期，不限行', en: 'No restriction: National Day holiday' },
    });
  });

  it('a plate ending in a letter counts as 0 on a 5/0 Monday', async () => {
    const r = await call('butler', {
      method: 'GET',
      url: `/api/plate-restriction?city=beijing&date=2026-11-23&plate=${encodeURIComponent('京A1234B')}`,
    });
    expect(r.json().plate).toEqual({ plate: '京A1234B', tailDigit: 0, covered: true, restricted: true });
  });

  it('an unknown city is a 404 with a message', async () => {
    const r = await call('guard', { method: 'GET', url: '/api/plate-restriction?city=atlantis' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'PLATE_RULE_NOT_FOUND' });
  });

  it('a bad date is a 400 naming the field', async () => {
    const r = await call('guard', { method: 'GET', url: '/api/plate-restriction?date=2026-11-31' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues[0].field).toBe('querystring.date');
  });
});

describe('holidays: listHolidays, upsertHoliday, deleteHoliday', () => {
  it('any staff lists 2026; 2027 is not entered', async () => {
    const r = await call('guard', { method: 'GET', url: '/api/calendar/holidays?year=2026' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ year: 2026, entered: true, workdays: 6 });
    const next = await call('guard', { method: 'GET', url: '/api/calendar/holidays?year=2027' });
    expect(next.json()).toEqual({ year: 2027, entered: false, holidays: 0, workdays: 0, items: [] });
    expect((await call('guard', { method: 'GET', url: '/api/calendar/holidays?year=abc' })).statusCode).toBe(
      400,
    );
  });

  it('only an admin may edit: everyone else gets 403', async () => {
    for (const role of STAFF.filter((r) => r !== 'admin')) {
      const put = await call(role, {
        method: 'PUT',
        url: '/api/calendar/holidays/2027-01-01',
        payload: { kind: 'holiday', name: '元旦' },
      });
      expect(put.statusCode, role).toBe(403);
      const del = await call(role, { method: 'DELETE', url: '/api/calendar/holidays/2026-10-01' });
      expect(del.statusCode, role).toBe(403);
    }
  });

  it('an admin enters 2027-01-01; the warning goes away; If-Match guards the next edit', async () => {
    const put = await call('admin', {
      method: 'PUT',
      url: '/api/calendar/holidays/2027-01-01',
      payload: { kind: 'holiday', name: '元旦', nameEn: "New Year's Day" },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers.etag).toBe('"1"');
    expect(put.json()).toMatchObject({ date: '2027-01-01', source: 'admin', version: 1 });
    const day = await call('guard', { method: 'GET', url: '/api/calendar/day' });
    expect(day.json().nextYearScheduleMissing).toBe(false);

    const stale = await call('admin', {
      method: 'PUT',
      url: '/api/calendar/holidays/2027-01-01',
      headers: { 'if-match': '"7"' },
      payload: { kind: 'holiday', name: '新年' },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await call('admin', {
      method: 'PUT',
      url: '/api/calendar/holidays/2027-01-01',
      headers: { 'if-match': '"1"' },
      payload: { kind: 'holiday', name: '新年' },
    });
    expect(ok.json()).toMatchObject({ name: '新年', version: 2 });
  });

  it('an admin cannot delete an official date (409) but can delete their own (200)', async () => {
    const official = await call('admin', { method: 'DELETE', url: '/api/calendar/holidays/2026-10-01' });
    expect(official.statusCode).toBe(409);
    expect(official.json().error.code).toBe('CALENDAR_DAY_OFFICIAL');
    const own = await call('admin', { method: 'DELETE', url: '/api/calendar/holidays/2027-01-01' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ date: '2027-01-01', result: 'deleted', entry: null });
  });

  it('a bad body or date is a 400 naming the field', async () => {
    const body = await call('admin', {
      method: 'PUT',
      url: '/api/calendar/holidays/2027-01-01',
      payload: { kind: 'vacation', name: '' },
    });
    expect(body.statusCode).toBe(400);
    expect(
      body
        .json()
        .error.details.issues.map((i: any) => i.field)
        .sort(),
    ).toEqual(['kind', 'name']);
    const date = await call('admin', {
      method: 'PUT',
      url: '/api/calendar/holidays/2027-02-29',
      payload: { kind: 'holiday', name: 'x' },
    });
    expect(date.statusCode).toBe(400);
    expect(date.json().error.details.issues[0].field).toBe('params.date');
  });

  it('the changes are in the audit log with the admin as actor', async () => {
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'actor_role'])
      .where('action', 'like', 'calendar.day.%')
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.actor_role === 'admin' && r.target_id === '2027-01-01')).toBe(true);
  });
});

describe('plate rules: listPlateRules, updatePlateRule, addPlateOverride', () => {
  let beijing: any;

  it('any staff lists the four shipped cities', async () => {
    const r = await call('guard', { method: 'GET', url: '/api/plate-rules' });
    expect(r.statusCode).toBe(200);
    expect(r.json().map((x: any) => x.city)).toEqual(['beijing', 'chengdu', 'hangzhou', 'tianjin']);
    beijing = r.json().find((x: any) => x.city === 'beijing');
    expect(beijing).toMatchObject({ source: 'default', version: 1, letterPolicy: 'as_zero', overrides: [] });
  });

  const body = () => {
    const {
      city: _c,
      source: _s,
      version: _v,
      updatedAt: _u,
      updatedBy: _b,
      overrides: _o,
      ...rest
    } = beijing;
    return rest;
  };

  it('updating needs the version (428), refuses a stale one (412), then bumps it', async () => {
    const payload = { ...body(), windows: [{ start: '07:00', end: '21:00' }] };
    const none = await call('admin', { method: 'PUT', url: '/api/plate-rules/beijing', payload });
    expect(none.statusCode).toBe(428);
    const stale = await call('admin', {
      method: 'PUT',
      url: '/api/plate-rules/beijing',
      headers: { 'if-match': '"5"' },
      payload,
    });
    expect(stale.statusCode).toBe(412);
    const ok = await call('admin', {
      method: 'PUT',
      url: `/api/plate-rules/${encodeURIComponent('北京')}`,
      headers: { 'if-match': '"1"' },
      payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ city: 'beijing', version: 2, source: 'admin' });
    const today = await call('guard', { method: 'GET', url: '/api/plate-restriction' });
    expect(today.json().hoursText).toBe('07:00–21:00');
  });

  it('a manager may not edit rules (403)', async () => {
    const r = await call('manager', {
      method: 'PUT',
      url: '/api/plate-rules/beijing',
      payload: { ...body(), version: 2 },
    });
    expect(r.statusCode).toBe(403);
  });

  it('an invalid rule is a 400 naming the field', async () => {
    const r = await call('admin', {
      method: 'PUT',
      url: '/api/plate-rules/beijing',
      payload: { ...body(), version: 2, mapping: { ...beijing.mapping, anchor: '2024-04-02' } },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues[0].field).toBe('mapping.anchor');
  });

  it('a new city by a lowercase code is created; by an unknown Chinese name it is a 422', async () => {
    const lanzhou = {
      ...body(),
      name: '兰州',
      nameEn: 'Lanzhou',
      localPrefix: '甘A',
      mapping: {
        kind: 'fixed',
        byWeekday: { '1': [1, 6], '2': [2, 7], '3': [3, 8], '4': [4, 9], '5': [5, 0] },
      },
    };
    const created = await call('admin', { method: 'PUT', url: '/api/plate-rules/lanzhou', payload: lanzhou });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ city: 'lanzhou', version: 1, source: 'admin' });
    const r = await call('guard', {
      method: 'GET',
      url: '/api/plate-restriction?city=lanzhou&date=2026-11-23',
    });
    expect(r.json().digits).toEqual([1, 6]);
    const bad = await call('admin', {
      method: 'PUT',
      url: `/api/plate-rules/${encodeURIComponent('西宁')}`,
      payload: { ...lanzhou, name: '西宁' },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('an admin adds an odd/even day; a second one for that date is a 409; others get 403', async () => {
    const payload = { date: '2026-11-30', numbers: 'odd_even', reason: '重污染天气红色预警' };
    expect(
      (await call('manager', { method: 'POST', url: '/api/plate-rules/beijing/overrides', payload }))
        .statusCode,
    ).toBe(403);
    const r = await call('admin', { method: 'POST', url: '/api/plate-rules/beijing/overrides', payload });
    expect(r.statusCode, r.body).toBe(201);
    const again = await call('admin', { method: 'POST', url: '/api/plate-rules/beijing/overrides', payload });
    expect(again.statusCode).toBe(409);
    const day = await call('guard', {
      method: 'GET',
      url: '/api/plate-restriction?date=2026-11-30&plate=京A12341',
    });
    expect(day.json()).toMatchObject({
      reason: 'override',
      digits: [1, 3, 5, 7, 9],
      plate: { restricted: true },
    });
    const del = await call('admin', {
      method: 'DELETE',
      url: '/api/plate-rules/beijing/overrides/2026-11-30',
    });
    expect(del.statusCode).toBe(200);
    const after = await call('guard', { method: 'GET', url: '/api/plate-restriction?date=2026-11-30' });
    expect(after.json().reason).toBe('rule');
  });

  it('rule changes are audited', async () => {
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', 'like', 'plate_%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.action} ${r.target_id}`)).toEqual([
      'plate_rule.update beijing',
      'plate_rule.create lanzhou',
      'plate_override.add beijing',
      'plate_override.delete beijing',
    ]);
  });
});

describe('the contract', () => {
  it('every route has its operationId in /api/openapi.json', async () => {
    const spec = (await call(null, { method: 'GET', url: '/api/openapi.json' })).json();
    const ids = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    for (const id of [
      'getCalendarDay',
      'listHolidays',
      'upsertHoliday',
      'deleteHoliday',
      'getPlateRestriction',
      'listPlateRules',
      'updatePlateRule',
      'addPlateOverride',
      'deletePlateOverride',
    ])
      expect(ids).toContain(id);
  });
});
