import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { createAuditService } from '../audit/index.js';
import { type Actor, systemActor } from '../auth/index.js';
import { libraryDays, libraryYears, seedCalendar } from './calendar.seed.js';
import { type CalendarService, createCalendarService } from './calendar.service.js';

let database: Database;
let clock: FixedClock;
let svc: CalendarService;
const admin: Actor = { ...systemActor(), id: 'admin-1', displayName: 'Admin' };
const guard: Actor = { ...admin, id: 'guard-1', role: 'guard', allEstates: false };

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(new Date('2026-11-27T02:00:00Z')); // Friday 10:00 in Beijing
  svc = createCalendarService({
    db: database.db,
    clock,
    audit: createAuditService({ db: database.db, clock }),
  });
});
afterAll(async () => database.close());

describe(`seeding the holiday table (${engineName})`, () => {
  it('has the library years 2004 through 2026', () => {
    const years = libraryYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
  });

  it('two processes seeding at once insert every official day exactly once; a rerun changes nothing', async () => {
    const first = await Promise.all([
      seedCalendar(database.db, clock.now()),
      seedCalendar(database.db, clock.now()),
    ]);
    expect(first[0].days.inserted + first[1].days.inserted).toBe(libraryDays().length);
    expect(first[0].days.updated + first[1].days.updated).toBe(0);
    expect(first[0].rules.inserted + first[1].rules.inserted).toBe(4);
    const again = await seedCalendar(database.db, clock.now());
    expect(again).toEqual({ days: { inserted: 0, updated: 0 }, rules: { inserted: 0, updated: 0 } });
    const n = await database.db
      .selectFrom('calendar_days')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(libraryDays().length);
  });

  it('the 2026 schedule of the State Council notice: 7 holidays, 6 make-up workdays', async () => {
    const list = await svc.listHolidays(guard, 2026);
    expect(list).toMatchObject({ year: 2026, entered: true, workdays: 6 });
    expect(list.items.filter((i) => i.kind === 'workday').map((i) => i.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    const spring = list.items.filter((i) => i.name === '春节' && i.kind === 'holiday').map((i) => i.date);
    expect(spring).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(new Set(list.items.filter((i) => i.kind === 'holiday').map((i) => i.name))).toEqual(
      new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']),
    );
    expect(list.items[0]).toMatchObject({ source: 'library', library: null, nameEn: "New Year's Day" });
  });

  it('yearStatus: 2026 is entered, 2027 is not', async () => {
    expect((await svc.yearStatus(2026)).entered).toBe(true);
    expect(await svc.yearStatus(2027)).toEqual({ year: 2027, entered: false, holidays: 0, workdays: 0 });
  });
});

describe('the kind of a day comes from our table', () => {
  it.each([
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-02-17', 'holiday', '春节'],
    ['2026-02-14', 'makeup_workday', '春节'],
    ['2026-09-20', 'makeup_workday', '国庆节'],
    ['2026-11-28', 'weekend', null],
    ['2026-11-27', 'workday', null],
  ])('%s is a %s', async (date, kind, name) => {
    const d = await svc.describeDay(date);
    expect(d.dayKind).toBe(kind);
    expect(d.holidayName).toBe(name);
  });

  it('春节 day itself: lunar date, festival, holiday and weekday together', async () => {
    const d = await svc.describeDay('2026-02-17');
    expect(d).toMatchObject({ weekday: 2, dayKind: 'holiday', holidayNameEn: 'Spring Festival' });
    expect(d.lunar.text).toBe('农历正月初一');
    expect(d.festivals.map((f) => f.name)).toContain('春节');
  });

  it('in late November the missing 2027 schedule is flagged; in June it is not yet', async () => {
    const nov = await svc.describeDay('2026-11-27');
    expect(nov).toMatchObject({ nextYear: 2027, nextYearScheduleMissing: true, scheduleEntered: true });
    clock.set('2026-06-01T02:00:00Z');
    expect((await svc.describeDay('2026-11-27')).nextYearScheduleMissing).toBe(false);
    clock.set('2026-11-27T02:00:00Z');
    expect((await svc.describeDay('2027-02-06')).scheduleEntered).toBe(false);
  });

  it('2027 days are plain weekdays/weekends until an admin enters the schedule', async () => {
    // 2027-02-08 is a Monday right after 春节 (2027-02-06): no official data yet.
    expect((await svc.describeDay('2027-02-08')).dayKind).toBe('workday');
    const e = await svc.upsertHoliday(admin, '2027-02-08', {
      kind: 'holiday',
      name: '春节',
      nameEn: 'Spring Festival',
    });
    expect(e).toMatchObject({ source: 'admin', library: null, version: 1, updatedBy: 'admin-1' });
    expect((await svc.describeDay('2027-02-08')).dayKind).toBe('holiday');
    expect((await svc.describeDay('2026-11-27')).nextYearScheduleMissing).toBe(false);
    expect((await svc.yearStatus(2027)).entered).toBe(true);
  });
});

describe('admins edit the table', () => {
  it('a guard may read but not edit', async () => {
    await expect(
      svc.upsertHoliday(guard, '2027-10-01', { kind: 'holiday', name: '国庆节' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('changing an official date keeps the official values; deleting the change reverts it', async () => {
    const changed = await svc.upsertHoliday(admin, '2026-10-10', {
      kind: 'holiday',
      name: '国庆节',
      version: 1,
    });
    expect(changed).toMatchObject({
      kind: 'holiday',
      source: 'admin',
      version: 2,
      library: { kind: 'workday', name: '国庆节', nameEn: 'National Day' },
    });
    expect((await svc.describeDay('2026-10-10')).dayKind).toBe('holiday');
    const seedAgain = await seedCalendar(database.db, clock.now());
    expect(seedAgain.days).toEqual({ inserted: 0, updated: 0 });
    expect((await svc.describeDay('2026-10-10')).dayKind).toBe('holiday'); // the seed keeps admin rows
    const back = await svc.deleteHoliday(admin, '2026-10-10');
    expect(back).toMatchObject({
      result: 'reverted',
      entry: { kind: 'workday', source: 'library', library: null },
    });
    expect((await svc.describeDay('2026-10-10')).dayKind).toBe('makeup_workday');
  });

  it('a stale version is refused and changes nothing', async () => {
    await expect(
      svc.upsertHoliday(admin, '2026-10-01', { kind: 'workday', name: 'x', version: 9 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await svc.describeDay('2026-10-01')).dayKind).toBe('holiday');
  });

  it('official dates cannot be deleted; an admin-only date is deleted; a missing one is 404', async () => {
    await expect(svc.deleteHoliday(admin, '2026-10-01')).rejects.toMatchObject({
      code: 'CALENDAR_DAY_OFFICIAL',
    });
    expect(await svc.deleteHoliday(admin, '2027-02-08')).toEqual({
      date: '2027-02-08',
      result: 'deleted',
      entry: null,
    });
    await expect(svc.deleteHoliday(admin, '2027-02-08')).rejects.toMatchObject({
      code: 'CALENDAR_DAY_NOT_FOUND',
    });
  });

  it('every change is in the audit log', async () => {
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'actor_id'])
      .where('action', 'like', 'calendar.%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.action} ${r.target_id}`)).toEqual([
      'calendar.day.upsert 2027-02-08',
      'calendar.day.upsert 2026-10-10',
      'calendar.day.delete 2026-10-10',
      'calendar.day.delete 2027-02-08',
    ]);
  });
});

describe('plate restriction from the stored rules', () => {
  it('Beijing by name or code; Friday 2026-11-27 restricts 4 and 9', async () => {
    for (const city of [undefined, '北京', '北京市', 'beijing', 'Beijing']) {
      const r = await svc.restrictionOn(city, '2026-11-27');
      expect(r).toMatchObject({
        city: 'beijing',
        cityName: '北京',
        restricted: true,
        digits: [4, 9],
        reason: 'rule',
      });
    }
  });

  it('holidays and make-up days come from our table, so an admin correction takes effect', async () => {
    expect((await svc.restrictionOn('北京', '2026-10-01')).reason).toBe('holiday');
    expect((await svc.restrictionOn('北京', '2026-02-14')).reason).toBe('makeup_workday');
    await svc.upsertHoliday(admin, '2026-12-31', { kind: 'holiday', name: '跨年假' });
    expect(await svc.restrictionOn('北京', '2026-12-31')).toMatchObject({
      reason: 'holiday',
      restricted: false,
    });
  });

  it('a plate is checked with the letter policy', async () => {
    const r = await svc.restrictionOn('beijing', '2026-11-23', '京A1234B'); // Monday: 5/0
    expect(r.digits).toEqual([5, 0]);
    expect(r.plate).toEqual({ plate: '京A1234B', tailDigit: 0, covered: true, restricted: true });
  });

  it('an unknown city is a 404', async () => {
    await expect(svc.restrictionOn('atlantis', '2026-11-27')).rejects.toMatchObject({
      code: 'PLATE_RULE_NOT_FOUND',
      status: 404,
    });
  });

  it('an odd/even override is stored and applied; a second one for the date is a conflict', async () => {
    const o = await svc.addPlateOverride(admin, '北京', {
      date: '2026-12-03',
      numbers: 'odd_even',
      reason: '重污染天气红色预警',
    });
    expect(o).toMatchObject({ city: 'beijing', numbers: 'odd_even', createdBy: 'admin-1' });
    const r = await svc.restrictionOn('北京', '2026-12-03');
    expect(r).toMatchObject({ restricted: true, reason: 'override', digits: [0, 2, 4, 6, 8] });
    await expect(
      svc.addPlateOverride(admin, 'beijing', { date: '2026-12-03', numbers: [1], reason: 'x' }),
    ).rejects.toMatchObject({ code: 'PLATE_OVERRIDE_EXISTS' });
    await svc.addPlateOverride(admin, 'beijing', {
      date: '2026-12-04',
      numbers: [6, 1, 6],
      reason: '临时管制',
    });
    expect((await svc.restrictionOn('北京', '2026-12-04')).digits).toEqual([1, 6]);
    await svc.deletePlateOverride(admin, 'beijing', '2026-12-04');
    expect((await svc.restrictionOn('北京', '2026-12-04')).reason).toBe('rule');
  });

  it('the stored rules round-trip exactly: listing equals the defaults, and reseeding updates nothing', async () => {
    const rules = await svc.listPlateRules(guard);
    expect(rules.map((r) => r.city)).toEqual(['beijing', 'chengdu', 'hangzhou', 'tianjin']);
    const bj = rules.find((r) => r.city === 'beijing')!;
    expect(bj.mapping).toEqual({
      kind: 'rotating',
      anchor: '2024-04-01',
      periodDays: 91,
      groups: [
        [5, 0],
        [1, 6],
        [2, 7],
        [3, 8],
        [4, 9],
      ],
      shiftPerPeriod: 4,
    });
    expect(bj.overrides.map((o) => o.date)).toEqual(['2026-12-03']);
    expect((await seedCalendar(database.db, clock.now())).rules).toEqual({ inserted: 0, updated: 0 });
  });
});
