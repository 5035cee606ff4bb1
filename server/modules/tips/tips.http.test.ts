import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { STARTER_TIPS, seedDefaultTips } from './index.js';

// Friday 2026-11-27 10:00 in Beijing: solar term 小雪 (since 11-22), winter.
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);
const url = (rest = '') => `/api/estates/${estate.id}/tips${rest}`;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'tips', { buildings: 1, floors: 1 });
  other = await createEstate(db, 'tipsother', { buildings: 1, floors: 1 });
  await seedDefaultTips(db, estate.id, NOW);
  for (const [u, role] of [
    ['manager', 'manager'],
    ['butler', 'butler'],
    ['guard', 'guard'],
  ] as const)
    await createStaff(db, u, role, [estate]);
  await createStaff(db, 'foreign', 'manager', [other]);
  for (const u of ['manager', 'butler', 'guard', 'foreign']) cookies[u] = await t.login(u);
});

afterAll(async () => {
  await t?.close();
});

describe('tips library', () => {
  it('the starter library is seeded once, in Chinese and English, and filters by category and season', async () => {
    expect(await seedDefaultTips(t.database.db, estate.id, NOW)).toBe(0);
    const all = await call('butler', { method: 'GET', url: url() });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toHaveLength(STARTER_TIPS.length);
    for (const t of all.json()) {
      expect(t.textZh).toMatch(/[\u4e00-\u9fa5]/);
      expect(t.textEn).not.toMatch(/[\u4e00-\u9fa5]/);
      expect(t.textZh.length).toBeLessThanOrEqual(200);
    }
    const plants = await call('butler', { method: 'GET', url: url('?category=plants&season=winter') });
    expect(plants.json().map((t: { titleZh: string }) => t.titleZh)).toEqual(['冬季室内绿植']);
  });

  it("proposes this solar term's health tip first, then the season's tips", async () => {
    const r = await call('butler', { method: 'GET', url: `/api/estates/${estate.id}/tip-proposals` });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({
      date: '2026-11-27',
      season: 'winter',
      solarTerm: '小雪',
      solarTermSince: '2026-11-22',
    });
    expect(p.items[0]).toMatchObject({ category: 'health', solarTerm: '小雪' });
    const cats = p.items.map((t: { category: string; season: string }) => `${t.category}:${t.season}`);
    expect(cats).toContain('utilities:winter');
    expect(cats).toContain('plants:winter');
    expect(cats.some((x: string) => x.endsWith(':summer'))).toBe(false);
    // No other health tip than this term's (冬至's comes on 12-21).
    expect(p.items.filter((t: { category: string }) => t.category === 'health')).toHaveLength(1);
    const summer = await call('butler', {
      method: 'GET',
      url: `/api/estates/${estate.id}/tip-proposals?date=2026-07-10`,
    });
    expect(summer.json()).toMatchObject({ season: 'summer', solarTerm: '小暑' });
  });

  it('creates and edits a tip; a stale version is refused; a term outside the season is a 400', async () => {
    const body = {
      category: 'utilities',
      season: 'winter',
      titleZh: '地暖温度',
      titleEn: 'Floor heating',
      textZh: '地暖温度设在18至20℃即可，避免长时间高温运行。',
      textEn: 'Set floor heating to 18–20 °C and avoid running it hot for long.',
    };
    const bad = await call('butler', { method: 'POST', url: url(), payload: { ...body, solarTerm: '立夏' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('solarTerm');
    const created = await call('butler', { method: 'POST', url: url(), payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json();
    const ok = await call('butler', {
      method: 'PATCH',
      url: url(`/${t.id}`),
      payload: { version: t.version, textZh: '地暖温度设在18至20℃即可。' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(t.version + 1);
    const stale = await call('manager', {
      method: 'PATCH',
      url: url(`/${t.id}`),
      payload: { version: t.version, active: false },
    });
    expect(stale.statusCode).toBe(412);
    const off = await call('manager', {
      method: 'PATCH',
      url: url(`/${t.id}`),
      payload: { version: ok.json().version, active: false },
    });
    expect(off.json().active).toBe(false);
    const proposals = await call('butler', { method: 'GET', url: `/api/estates/${estate.id}/tip-proposals` });
    expect(proposals.json().items.some((x: { id: string }) => x.id === t.id)).toBe(false);
  });

  it('posts a tip as a warm-tip notice on the entrance board (C8)', async () => {
    const tips = (
      await call('manager', { method: 'GET', url: url('?category=utilities&season=winter') })
    ).json();
    const tip = tips.find((t: { active: boolean }) => t.active);
    const denied = await call('butler', {
      method: 'POST',
      url: url(`/${tip.id}/notice`),
      payload: { fromDate: '2026-11-27', toDate: '2026-12-03' },
    });
    expect(denied.statusCode).toBe(403); // board notices are for managers
    const r = await call('manager', {
      method: 'POST',
      url: url(`/${tip.id}/notice`),
      payload: { fromDate: '2026-11-27', toDate: '2026-12-03' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'warm_tip', textZh: tip.textZh, textEn: tip.textEn });
    const notices = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/board/notices?activeOn=2026-11-28`,
    });
    expect(notices.json().items.map((n: { textZh: string }) => n.textZh)).toContain(tip.textZh);
  });

  it('roles: guards cannot read the library; another estate is 404', async () => {
    expect((await call('guard', { method: 'GET', url: url() })).statusCode).toBe(403);
    expect((await call('foreign', { method: 'GET', url: url() })).statusCode).toBe(404);
    expect(
      (await call('foreign', { method: 'GET', url: `/api/estates/${estate.id}/tip-proposals` })).statusCode,
    ).toBe(404);
  });
});
