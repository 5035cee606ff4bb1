import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff } from '../helpers/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await createEstate(t.database.db, 'aaa', { buildings: 1, floors: 1 });
  const b = await createEstate(t.database.db, 'bbb', { buildings: 1, floors: 1 });
  await createStaff(t.database.db, 'admin', 'admin', [a, b]);
  await createStaff(t.database.db, 'mgr-a', 'manager', [a], 'management');
  await createStaff(t.database.db, 'mgr-b', 'manager', [b], 'management');
  await createStaff(t.database.db, 'guard', 'guard', [a], 'security');
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('cannot be updated or deleted, even with SQL', async () => {
    await t.login('admin');
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_events`.execute(t.database.db)).rejects.toThrow(/append-only/);
    const n = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(0);
  });

  it('is searchable by action, newest first, with cursor pages', async () => {
    const admin = await t.login('admin');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await t.login('mgr-a');
    }
    const first = await t.call(admin, { method: 'GET', url: '/api/audit-events?action=auth.login&limit=2' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((e: any) => e.action === 'auth.login')).toBe(true);
    expect(page1.items[0].at >= page1.items[1].at).toBe(true);
    const second = await t.call(admin, {
      method: 'GET',
      url: `/api/audit-events?action=auth.login&limit=2&cursor=${page1.nextCursor}`,
    });
    const ids = new Set([...page1.items, ...second.json().items].map((e: any) => e.id));
    expect(ids.size).toBe(page1.items.length + second.json().items.length);
    const prefix = await t.call(admin, { method: 'GET', url: '/api/audit-events?action=auth.*' });
    expect(prefix.json().items.length).toBeGreaterThanOrEqual(4);
  });

  it('a guard may not read it; the denial itself is logged', async () => {
    const guard = await t.login('guard');
    const r = await t.call(guard, { method: 'GET', url: '/api/audit-events' });
    expect(r.statusCode).toBe(403);
    const admin = await t.login('admin');
    const denials = await t.call(admin, { method: 'GET', url: '/api/audit-events?action=access.denied' });
    expect(denials.json().items[0]).toMatchObject({ actorName: 'guard-name', outcome: 'denied' });
  });

  it('a manager sees only the events of their estate', async () => {
    const mgrB = await t.login('mgr-b');
    const r = await t.call(mgrB, { method: 'GET', url: '/api/audit-events?limit=200' });
    expect(r.statusCode).toBe(200);
    const estates = await t.database.db.selectFrom('estates').select(['id', 'code']).execute();
    const a = estates.find((e) => e.code === 'aaa')!.id;
    expect(r.json().items.some((e: any) => e.estateId === a)).toBe(false);
    // Logins carry no estate: a manager sees those of their own estate's staff, not of others.
    const logins = r.json().items.filter((e: any) => e.action === 'auth.login');
    expect(logins.some((e: any) => e.actorName === 'mgr-b-name')).toBe(true);
    expect(logins.some((e: any) => e.actorName === 'mgr-a-name')).toBe(false);
  });
});
