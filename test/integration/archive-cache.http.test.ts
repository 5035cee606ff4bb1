import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Household } from '../../contract/households.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../helpers/factories.js';

/**
 * getHousehold serves archives from a cache keyed by the household's version and the reader's
 * view, and sessions resolved within the last second from a session cache. What a user must never
 * notice: an old archive after any change, one reader's unmasked phones shown to another, or a
 * session that outlives its end.
 */
let t: TestApp;
let estate: TestEstate;
let butler: string;
let guard: string;
let manager: string;
let id: string;

const archive = async (cookie: string) => {
  const r = await t.call(cookie, { method: 'GET', url: `/api/households/${id}` });
  expect(r.statusCode, r.body).toBe(200);
  return { body: Household.parse(r.json()), etag: r.headers.etag };
};

beforeAll(async () => {
  t = await buildTestApp();
  estate = await createEstate(t.database.db, 'cache');
  await createStaff(t.database.db, 'butler', 'butler', [estate], 'service');
  await createStaff(t.database.db, 'guard', 'guard', [estate], 'security');
  await createStaff(t.database.db, 'manager', 'manager', [estate], 'management');
  butler = await t.login('butler');
  guard = await t.login('guard');
  manager = await t.login('manager');
  const r = await t.call(butler, {
    method: 'POST',
    url: '/api/households',
    payload: {
      estateId: estate.id,
      roomId: estate.roomIds[0],
      occupancy: 'owner_occupied',
      members: [{ name: '王建国', relation: '本人', role: 'owner', phone: '13812345678', isPrimary: true }],
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  id = r.json().id;
});
afterAll(async () => t.close());

describe('the archive cache', () => {
  it('serves each reader the view their role allows, from the same version', async () => {
    const a = await archive(manager);
    const b = await archive(guard);
    const again = await archive(manager);
    expect(a.body.members[0]!.phone).toBe('13812345678');
    expect(b.body.members[0]!.phone).toBe('138****5678');
    expect(again.body).toEqual(a.body);
    expect(a.etag).toBe('"1"');
    expect(b.etag).toBe('"1"');
  });

  it('an edit is visible at once, with the new version', async () => {
    await archive(butler);
    const r = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: 1, notes: '老人独居，周三探访' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = await archive(butler);
    expect(after.body.notes).toBe('老人独居，周三探访');
    expect(after.etag).toBe('"2"');
    expect((await archive(guard)).body.notes).toBe('老人独居，周三探访');
  });

  it('adding, deleting and erasing sensitive facts change the archive: version, counts, history', async () => {
    const v0 = (await archive(butler)).body.version;
    const consent = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/consents`,
      payload: { purpose: 'health_care', grantedByName: '王建国', method: 'paper_form' },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    // A consent alone does not change what the archive shows.
    expect((await archive(butler)).body.version).toBe(v0);

    const add = async () => {
      const f = await t.call(butler, {
        method: 'POST',
        url: `/api/households/${id}/sensitive`,
        payload: { category: 'health', conditions: ['hypertension'] },
      });
      expect(f.statusCode, f.body).toBe(201);
      return f.json().id as string;
    };
    const first = await add();
    let a = await archive(butler);
    expect(a.body.sensitiveSummary.health).toBe(1);
    expect(a.body.version).toBe(v0 + 1);
    expect(a.etag).toBe(`"${v0 + 1}"`);
    await add();
    expect((await archive(guard)).body.sensitiveSummary.health).toBe(2);

    const del = await t.call(butler, { method: 'DELETE', url: `/api/households/${id}/sensitive/${first}` });
    expect(del.statusCode, del.body).toBe(200);
    a = await archive(butler);
    expect(a.body.sensitiveSummary.health).toBe(1);
    expect(a.body.version).toBe(v0 + 3);

    const w = await t.call(butler, {
      method: 'POST',
      url: `/api/households/${id}/consents/${consent.json().id}/withdraw`,
    });
    expect(w.statusCode, w.body).toBe(200);
    a = await archive(butler);
    expect(a.body.sensitiveSummary.health).toBe(0);
    expect(a.body.version).toBe(v0 + 4);

    // The history names the counts, never the facts.
    const history = (await t.call(butler, { method: 'GET', url: `/api/households/${id}/history` })).json();
    const sensitive = history.filter((h: any) => h.changes.some((c: any) => c.field === 'sensitive.health'));
    expect(sensitive.map((h: any) => [h.version, h.changes[0].old, h.changes[0].new])).toEqual([
      [v0 + 4, 1, 0],
      [v0 + 3, 2, 1],
      [v0 + 2, 1, 2],
      [v0 + 1, 0, 1],
    ]);
    expect(JSON.stringify(history)).not.toContain('hypertension');

    // An edit form opened before the fact was added is now stale: 412, not a silent overwrite.
    const stale = await t.call(butler, {
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: v0, notes: '旧表单' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('a change written by another process (same database) is seen on the next read', async () => {
    const before = await archive(manager);
    await t.database.db
      .updateTable('households')
      .set({ occupancy: 'rented', version: before.body.version + 1 })
      .where('id', '=', id)
      .execute();
    const after = await archive(manager);
    expect(after.body.occupancy).toBe('rented');
    expect(after.body.version).toBe(before.body.version + 1);
  });

  it('outside the reader’s estates the archive stays a 404, cached or not', async () => {
    const other = await createEstate(t.database.db, 'elsewhere');
    await createStaff(t.database.db, 'foreign', 'manager', [other], 'management');
    const foreign = await t.login('foreign');
    await archive(manager);
    const r = await t.call(foreign, { method: 'GET', url: `/api/households/${id}` });
    expect(r.statusCode).toBe(404);
  });
});

describe('the session cache', () => {
  it('logout ends the session at once', async () => {
    const cookie = await t.login('guard');
    await archive(cookie);
    const out = await t.call(cookie, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBeLessThan(300);
    expect((await t.call(cookie, { method: 'GET', url: `/api/households/${id}` })).statusCode).toBe(401);
  });

  it('disabling an account ends its sessions on the next request', async () => {
    const tempId = await createStaff(t.database.db, 'temp', 'butler', [estate], 'service');
    const cookie = await t.login('temp');
    await archive(cookie);
    await createStaff(t.database.db, 'root', 'admin', [estate], 'management');
    const root = await t.login('root');
    const off = await t.call(root, {
      method: 'PATCH',
      url: `/api/accounts/${tempId}`,
      payload: { version: 1, status: 'disabled' },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.call(cookie, { method: 'GET', url: `/api/households/${id}` })).statusCode).toBe(401);
  });

  it('a new role applies on the next request (a butler made a guard sees masked phones)', async () => {
    const tempId = await createStaff(t.database.db, 'temp2', 'manager', [estate], 'management');
    const cookie = await t.login('temp2');
    expect((await archive(cookie)).body.members[0]!.phone).toBe('13812345678');
    const root = await t.login('root');
    const r = await t.call(root, {
      method: 'PATCH',
      url: `/api/accounts/${tempId}`,
      payload: { version: 1, role: 'guard' },
    });
    expect(r.statusCode, r.body).toBe(200);
    // A new role ends the account's sessions: signing in again gets the guard's view.
    expect((await t.call(cookie, { method: 'GET', url: `/api/households/${id}` })).statusCode).toBe(401);
    const again = await t.login('temp2');
    expect((await archive(again)).body.members[0]!.phone).toBe('138****5678');
  });

  it('a session ended by another process stops working within a second', async () => {
    const cookie = await t.login('butler');
    await archive(cookie);
    // The CLI or a second server deletes the session row; this process learns it on its recheck.
    await t.database.db.deleteFrom('sessions').execute();
    t.clock.advance(1_000);
    expect((await t.call(cookie, { method: 'GET', url: `/api/households/${id}` })).statusCode).toBe(401);
  });

  it('idle and absolute expiry still end a session', async () => {
    const cookie = await t.login('manager');
    await archive(cookie);
    t.clock.advance(121 * 60_000);
    expect((await t.call(cookie, { method: 'GET', url: `/api/households/${id}` })).statusCode).toBe(401);
  });
});
