import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../server/container.js';
import { FixedClock } from '../../server/lib/clock.js';
import { seedDemoActivity } from '../../server/modules/demo/index.js';
import { actorOf, browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

async function pageIn(e: E2E, lang: 'zh-CN' | 'en', opts: object) {
  const page = await e.browser.newPage({ ...opts, locale: lang });
  await page.addInitScript((l) => localStorage.setItem('guanjia.lang', l), lang);
  return page;
}

// Issue 3's "figures for the KPI board": the demo manager opens 承诺兑现 and sees 服务数据 for the
// month — the request count the API gives, times, shares and a row per person.
describe.runIf(enabled)('service figures on the KPI board in a real browser', () => {
  let e: E2E;
  let created = 0;
  beforeAll(async () => {
    e = await startE2E();
    // Eight weeks of requests, cards and revisits up to now (the demo's own history).
    const now = new Date();
    await seedDemoActivity(createContainer({ db: e.database.db, clock: new FixedClock(now) }), { now });
    const figures = await e.container.serviceFigures.get(
      await actorOf(e.database, 'manager', e.estateId),
      e.estateId,
      {},
    );
    created = figures.created;
    expect(created, 'demo requests this month').toBeGreaterThan(0);
  }, 180_000);
  afterAll(async () => e?.close());

  for (const [lang, opts, name] of [
    ['zh-CN', DESKTOP, 'service-figures-zh'],
    ['en', DESKTOP, 'service-figures-en'],
    ['zh-CN', PHONE, 'service-figures-phone'],
  ] as const) {
    it(`the manager sees the month's service figures (${name})`, async () => {
      const page = await pageIn(e, lang, opts);
      await login(page, e.base, 'manager');
      await page.goto(`${e.base}/kpi`);
      const panel = page.getByTestId('service-figures');
      await panel.waitFor({ timeout: 20_000 });
      const requests = page.getByTestId('figures-requests');
      await requests.waitFor({ timeout: 15_000 });
      const text = await requests.innerText();
      expect(text).toContain(lang === 'zh-CN' ? '报事报修' : 'Requests');
      expect(text).toContain(String(created));
      await page.getByTestId('figures-people').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => page.getByTestId('figures-response').innerText(), { timeout: 10_000 })
        .toContain(lang === 'zh-CN' ? '达标率' : 'Within target');
      // Names of people may be Chinese; the labels and statistics may not in English.
      if (lang === 'en')
        for (const k of ['requests', 'response', 'completion', 'score', 'replies', 'revisits', 'free'])
          expect(await page.getByTestId(`figures-${k}`).innerText()).not.toMatch(/[\u4e00-\u9fff]/);
      await panel.scrollIntoViewIfNeeded();
      await shot(page, name);
      await page.close();
    }, 60_000);
  }
});
