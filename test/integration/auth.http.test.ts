import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff, TEST_PASSWORD } from '../helpers/factories.js';

let t: TestApp;
let adminCookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  const e = await createEstate(t.database.db, 'lvyuan', { buildings: 1, floors: 1 });
  await createStaff(t.database.db, 'admin', 'admin', [e]);
  await createStaff(t.database.db, 'guard', 'guard', [e], 'security');
  await createStaff(t.database.db, 'locky', 'butler', [e], 'service');
  adminCookie = await t.login('admin');
});
afterAll(async () => t.close());

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite=Lax cookie and returns the user with capabilities', async () => {
    const r = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'guard', password: TEST_PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    const sid = r.cookies.find((c) => c.name === 'sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    expect(sid.value.length).toBeGreaterThanOrEqual(40);
    expect(r.json()).toMatchObject({ role: 'guard', estates: [{ code: 'lvyuan' }] });
    expect(r.json().capabilities).toContain('household.read');
    expect(r.json().capabilities).not.toContain('sensitive.read.health');
  });

  it('a wrong password is a 401 that does not say whether the account exists', async () => {
    const wrong = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'guard', password: 'nope-nope-nope' },
    });
    const unknown = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const failures = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('locks the account after 5 wrong passwords, even for the right one, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.call(undefined, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'locky', password: `wrong-password-${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locky', password: 'wrong-password-5' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locky', password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/锁定/);
    t.clock.advance(16 * 60_000);
    const later = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locky', password: TEST_PASSWORD },
    });
    expect(later.statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const cookie = await t.login('guard');
    expect((await t.call(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await t.call(cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await t.call(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('an idle session expires', async () => {
    const cookie = await t.login('guard');
    t.clock.advance(121 * 60_000);
    expect((await t.call(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    adminCookie = await t.login('admin');
  });

  it('disabling an account ends its sessions at once', async () => {
    const cookie = await t.login('guard');
    const list = await t.call(adminCookie, { method: 'GET', url: '/api/accounts' });
    const guard = list.json().find((a: any) => a.username === 'guard');
    const r = await t.call(adminCookie, {
      method: 'PATCH',
      url: `/api/accounts/${guard.id}`,
      payload: { status: 'disabled', version: guard.version },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await t.call(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const again = await t.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'guard', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', guard.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('account.disable');
  });

  it('a live session follows a change of the account estates', async () => {
    const other = await createEstate(t.database.db, 'second', { buildings: 1, floors: 1 });
    await createStaff(t.database.db, 'mover', 'butler', [], 'service');
    const cookie = await t.login('mover');
    expect((await t.call(cookie, { method: 'GET', url: '/api/auth/me' })).json().estates).toEqual([]);
    const list = await t.call(adminCookie, { method: 'GET', url: '/api/accounts' });
    const mover = list.json().find((a: any) => a.username === 'mover');
    const r = await t.call(adminCookie, {
      method: 'PATCH',
      url: `/api/accounts/${mover.id}`,
      payload: { version: mover.version, estates: [{ estateId: other.id }] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const me = await t.call(cookie, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().estates.map((e: any) => e.code)).toEqual(['second']);
    expect((await t.call(cookie, { method: 'GET', url: `/api/estates/${other.id}` })).statusCode).toBe(200);
  });

  it('refuses weak passwords with the reasons', async () => {
    const r = await t.call(adminCookie, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username: 'newbie', displayName: '新人', role: 'cleaner', password: 'newbie1' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('WEAK_PASSWORD');
    expect(r.json().error.message).toContain('至少10个字符');
    const ok = await t.call(adminCookie, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username: 'newbie', displayName: '新人', role: 'cleaner', password: 'a-Long-enough-pass' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const stored = await t.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('username', '=', 'newbie')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rejects a state-changing request from another origin (CSRF)', async () => {
    const r = await t.call(adminCookie, {
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('ORIGIN_REJECTED');
    const same = await t.call(adminCookie, {
      method: 'GET',
      url: '/api/auth/me',
      headers: { origin: 'https://evil.example' },
    });
    expect(same.statusCode).toBe(200);
  });

  it('throttles many failed logins from one address', async () => {
    const c = t.c;
    // The test app allows 1000 failures per IP; use the service with the production limit.
    const { createAuthService, DEFAULT_AUTH_SETTINGS } = await import('../../server/modules/auth/index.js');
    const strict = createAuthService({
      db: c.db,
      clock: c.clock,
      audit: c.audit,
      settings: { ...DEFAULT_AUTH_SETTINGS, ipMaxFailures: 3 },
    });
    const attempt = () =>
      strict.login({ login: 'ghost', password: 'wrong-password', ip: '10.9.9.9', lang: 'zh-CN' });
    for (let i = 0; i < 3; i++)
      await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(attempt()).rejects.toMatchObject({ code: 'LOGIN_THROTTLED', status: 429 });
  });
});

describe('security headers', () => {
  it('sends HSTS, CSP frame-ancestors, nosniff and no-store on API responses', async () => {
    const r = await t.call(adminCookie, { method: 'GET', url: '/api/auth/me' });
    expect(r.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
