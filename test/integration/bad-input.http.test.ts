import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../helpers/factories.js';

let t: TestApp;
let admin: string;
let estate: TestEstate;
let householdId: string;

/** Deterministic PRNG so a failing case can be reproduced. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  3.5,
  '',
  ' ',
  'x'.repeat(3000),
  '\u0000',
  '<script>',
  '__proto__',
  [],
  [1, 2],
  {},
  { a: 1 },
  '2026-13-45',
  '京A',
  '138****5678',
];
const KEYS = [
  'estateId',
  'roomId',
  'occupancy',
  'members',
  'notes',
  'version',
  'careFlags',
  'tags',
  'vehicles',
  'pets',
  'customFields',
  '__proto__',
  'constructor',
  'role',
  'id',
];

function garbage(rand: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  if (rand() < 0.15) return pick(WEIRD);
  const o: Record<string, unknown> = {};
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++)
    o[pick(KEYS)] =
      rand() < 0.3
        ? [pick(WEIRD), { name: pick(WEIRD), role: pick(WEIRD), phone: pick(WEIRD) }]
        : pick(WEIRD);
  return o;
}

async function counts() {
  const db = t.database.db;
  const n = async (table: 'households' | 'members' | 'vehicles' | 'household_changes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    households: await n('households'),
    members: await n('members'),
    vehicles: await n('vehicles'),
    changes: await n('household_changes'),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  estate = await createEstate(t.database.db, 'fuzz', { buildings: 1, floors: 2 });
  await createStaff(t.database.db, 'admin', 'admin', [estate]);
  admin = await t.login('admin');
  const r = await t.call(admin, {
    method: 'POST',
    url: '/api/households',
    payload: { estateId: estate.id, roomId: estate.roomIds[0], occupancy: 'vacant' },
  });
  householdId = r.json().id;
});
afterAll(async () => t.close());

describe('bad input never gets a 500 and never writes', () => {
  it('300 random bodies on the write routes: only 4xx, every error names a code, no row changes', async () => {
    const before = await counts();
    const rand = prng(20261127);
    const routes = [
      { method: 'POST' as const, url: '/api/households' },
      { method: 'PATCH' as const, url: `/api/households/${householdId}` },
      { method: 'POST' as const, url: `/api/households/${householdId}/consents` },
      { method: 'POST' as const, url: `/api/households/${householdId}/sensitive` },
      { method: 'POST' as const, url: `/api/estates/${estate.id}/custom-fields` },
      { method: 'POST' as const, url: '/api/accounts' },
      { method: 'POST' as const, url: '/api/auth/login' },
    ];
    for (let i = 0; i < 300; i++) {
      const route = routes[i % routes.length]!;
      const body = garbage(rand);
      const r = await t.call(admin, {
        ...route,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(
        r.statusCode,
        `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 200)} → ${r.body.slice(0, 200)}`,
      ).toBeLessThan(500);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.json().error.code).toMatch(/^[A-Z_]+$/);
      expect(r.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await counts()).toEqual(before);
  });

  it('names the query parameter and the reason', async () => {
    const r = await t.call(admin, { method: 'GET', url: '/api/households?limit=abc' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('querystring.limit');
    const big = await t.call(admin, {
      method: 'GET',
      url: '/api/households?limit=500',
      headers: { 'accept-language': 'en' },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toMatch(/limit/);
  });

  it('refuses an oversized body with a 400', async () => {
    const r = await t.call(admin, {
      method: 'POST',
      url: '/api/households',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ notes: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('does not let __proto__ pollute objects', async () => {
    const r = await t.call(admin, {
      method: 'PATCH',
      url: `/api/households/${householdId}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"version":1,"__proto__":{"polluted":true},"notes":"ok"}',
    });
    expect(r.statusCode).toBe(400);
    expect(({} as any).polluted).toBeUndefined();
  });
});
