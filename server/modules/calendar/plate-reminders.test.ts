import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEstate, type TestEstate } from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultTemplates } from '../messaging/index.js';
import { createPlateReminderJob } from './index.js';

// Beijing: the 13-week rotation changes on Monday 2026-03-30 (Mon 3/8 → Mon 2/7).
let database: Database;
let c: Container;
let clock: FixedClock;
let estate: TestEstate;
const vehicle: Record<string, string> = {};
const member: Record<string, string> = {};

const job = () =>
  createPlateReminderJob({ db: database.db, clock, calendar: c.calendar, messaging: c.messaging });
const reminders = () =>
  database.db
    .selectFrom('messages')
    .select(['idem_key', 'member_id', 'channel', 'params', 'purpose', 'template_code', 'status'])
    .where('idem_key', 'like', 'plate:%')
    .orderBy('idem_key')
    .execute();

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(new Date('2026-03-29T11:00:00Z')); // Sunday 19:00 Beijing
  c = createContainer({ db: database.db, clock });
  estate = await createEstate(database.db, 'plate', { buildings: 1, floors: 2 });
  await seedDefaultTemplates(database.db, estate.id, clock.now());
  const sys = systemActor([estate.id]);
  const mk = async (
    room: number,
    name: string,
    plate: string,
    reminder: boolean,
    phone = `1380000000${room}`,
  ) => {
    const h = await c.households.create(sys, {
      estateId: estate.id,
      roomId: estate.roomIds[room]!,
      occupancy: 'owner_occupied',
      members: [{ name, role: 'owner', phone }],
      vehicles: [{ plate, restrictionReminder: reminder }],
    } as never);
    const v = await database.db
      .selectFrom('vehicles')
      .select('id')
      .where('household_id', '=', h.id)
      .executeTakeFirstOrThrow();
    const m = await database.db
      .selectFrom('members')
      .select('id')
      .where('household_id', '=', h.id)
      .executeTakeFirstOrThrow();
    vehicle[plate] = v.id;
    member[plate] = m.id;
  };
  await mk(0, '甲', '京A12347', true); // tail 7: Monday of the new period (2/7)
  await mk(1, '乙', '京A12348', true); // tail 8: Monday of the old period (3/8)
  await mk(2, '丙', '京A1234G', true); // letter → 0: Thursday of the new period (5/0)
  await mk(3, '丁', '京B00002', false); // tail 2 but no reminder wanted
});

afterAll(async () => {
  await database?.close();
});

describe('plate restriction reminders', () => {
  it('the evening before the new rotation period reminds exactly the plates restricted tomorrow, once', async () => {
    const r = await job().run();
    expect(r).toMatchObject({ restrictedDates: ['2026-03-30'], candidates: 1, enqueued: 1 });
    const rows = await reminders();
    expect(rows.map((x) => x.idem_key)).toEqual([`plate:${vehicle.京A12347}:2026-03-30`]);
    expect(rows[0]).toMatchObject({
      member_id: member.京A12347,
      channel: 'portal', // no SMS provider configured: the portal inbox
      purpose: 'service_notices',
      template_code: 'plate_restriction_reminder',
    });
    // Run again (or in a second process): nothing new.
    expect((await job().run()).enqueued).toBe(0);
    expect(await reminders()).toHaveLength(1);
    // The worker delivers it to the household's portal inbox with the plate and the digits.
    await c.messaging.dispatchDue(clock.now());
    const inbox = await database.db.selectFrom('portal_inbox').select(['body_zh', 'body_en']).execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body_zh).toContain('尾号2和7');
    expect(inbox[0]!.body_zh).toContain('京A12347');
    expect(inbox[0]!.body_en).toContain('ending in 2 and 7');
  });

  it('does nothing outside the evening window (no reminders at night or in the morning)', async () => {
    clock.set('2026-04-01T14:00:00Z'); // Wednesday 22:00 Beijing
    expect(await job().run()).toMatchObject({ estates: 0, enqueued: 0 });
    clock.set('2026-04-01T01:00:00Z'); // 09:00
    expect(await job().run()).toMatchObject({ estates: 0, enqueued: 0 });
  });

  it('a letter plate counts as 0; no reminder before a holiday or a make-up workday', async () => {
    clock.set('2026-04-01T10:30:00Z'); // Wednesday 18:30 → Thursday 04-02 restricted 5/0
    expect(await job().run()).toMatchObject({ restrictedDates: ['2026-04-02'], enqueued: 1 });
    expect((await reminders()).map((x) => x.idem_key)).toContain(`plate:${vehicle.京A1234G}:2026-04-02`);
    const before = (await reminders()).length;
    clock.set('2026-09-30T11:00:00Z'); // evening before 国庆 (Thursday 10-01 is a holiday)
    expect(await job().run()).toMatchObject({ restrictedDates: [], enqueued: 0 });
    clock.set('2026-10-09T11:00:00Z'); // evening before Saturday 10-10, a make-up workday: Beijing does not restrict
    expect(await job().run()).toMatchObject({ restrictedDates: [], enqueued: 0 });
    expect(await reminders()).toHaveLength(before);
  });

  it('an opt-out of service notices suppresses the reminder', async () => {
    const h = await database.db
      .selectFrom('members')
      .select('household_id')
      .where('id', '=', member.京A12348!)
      .executeTakeFirstOrThrow();
    await c.messaging.updateConsent(systemActor([estate.id]), h.household_id, {
      purpose: 'service_notices',
      granted: false,
    } as never);
    clock.set('2026-06-30T11:00:00Z'); // Tuesday evening → Wednesday 07-01 (new period from 06-29: Wed 3/8)
    const r = await job().run();
    expect(r.restrictedDates).toEqual(['2026-07-01']);
    await c.messaging.dispatchDue(clock.now());
    const row = (await reminders()).find((x) => x.idem_key === `plate:${vehicle.京A12348}:2026-07-01`);
    expect(row?.status).toBe('suppressed');
  });
});
