import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../server/container.js';
import { FixedClock } from '../../server/lib/clock.js';
import { seedDemoActivity } from '../../server/modules/demo/index.js';
import { browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

/** A page whose console starts in `lang` (the choice the language switch keeps). */
async function pageIn(e: E2E, lang: 'zh-CN' | 'en', opts: object) {
  const page = await e.browser.newPage({ ...opts, locale: lang });
  await page.addInitScript((l) => localStorage.setItem('guanjia.lang', l), lang);
  return page;
}

/** "3/5" of the care plan's progress bar. */
async function progress(page: Page): Promise<[number, number]> {
  const text = await page.getByTestId('care-progress').innerText();
  const m = /(\d+)\/(\d+)/.exec(text);
  expect(m, text).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

// Owners' organizations (C4), the seasonal care plan (C7) and the customer journey in the console:
// a manager logs a contact with the seniors' association and marks a care item done, the KPI board
// shows both as the measures' latest evidence; the journey funnel leads to the households stuck at
// a stage and to the monthly report. In Chinese, English and on a 375 px phone.
describe.runIf(enabled)('organizations, care plan and journey in a real browser', { timeout: 90_000 }, () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
    const now = new Date();
    await seedDemoActivity(createContainer({ db: e.database.db, clock: new FixedClock(now) }), { now });
  }, 180_000);
  afterAll(async () => e?.close());

  it('a manager logs a contact with an organization; the KPI board shows it for C4', async () => {
    const page = await pageIn(e, 'zh-CN', DESKTOP);
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/organizations`);
    await page.getByTestId('org-list').locator('strong', { hasText: '老年协会' }).waitFor();
    await expect
      .poll(() => page.getByTestId('org-list').innerText(), { timeout: 10_000 })
      .toContain('业主委员会');
    await shot(page, 'organizations-list-zh');

    await page.getByTestId('org-list').locator('strong', { hasText: '老年协会' }).click();
    await page.getByTestId('org-detail').waitFor();
    await page.getByTestId('org-contacts').getByText('拜访会长').waitFor();
    await page.getByTestId('org-log-contact').click();
    await page.getByTestId('org-contact-summary').fill('与会长商定元旦联欢会节目和场地');
    await page.getByTestId('org-contact-followup').fill('周五前确认会所场地');
    // The time picker starts at the estate's clock (Beijing), not the browser's (UTC here), and
    // the logged contact shows the time that was picked.
    const picked = await page.locator('.ant-modal .ant-picker input').inputValue();
    const meant = Date.parse(`${picked.replace(' ', 'T')}:00+08:00`);
    expect(Math.abs(meant - Date.now()), picked).toBeLessThan(3 * 60_000);
    await page.getByTestId('org-contact-save').click();
    const contacts = page.getByTestId('org-contacts');
    await contacts.getByText('与会长商定元旦联欢会节目和场地').waitFor();
    await expect
      .poll(() => contacts.locator('[data-testid^="org-contact-"]').first().innerText(), { timeout: 10_000 })
      .toContain(picked);
    // Newest first, with its follow-up still open.
    const first = contacts.locator('[data-testid^="org-contact-"]').first();
    await expect.poll(() => first.innerText(), { timeout: 10_000 }).toContain('周五前确认会所场地');
    await expect.poll(() => first.innerText(), { timeout: 10_000 }).toContain('待跟进');
    await shot(page, 'organization-detail-zh');

    await page.goto(`${e.base}/kpi`);
    const c4 = page.getByTestId('kpi-status-C4');
    await c4.waitFor({ timeout: 15_000 });
    const row = page.locator('tr', { has: c4 });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('最近联络：老年协会');
    await page.close();
  });

  it('a manager marks a care item done; the progress and the C7 evidence move', async () => {
    const page = await pageIn(e, 'zh-CN', DESKTOP);
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/care-plan`);
    await page.getByTestId('care-progress').waitFor();
    const [done, total] = await progress(page);
    expect(total).toBeGreaterThan(done);
    await page.locator('[data-testid^="care-done-"]').first().click();
    await page.getByTestId('care-done-note').fill('已送到 8 户');
    await page.getByTestId('care-done-save').click();
    await page.getByText('已标记完成').waitFor();
    await expect.poll(() => progress(page)).toEqual([done + 1, total]);
    await shot(page, 'care-plan-zh');

    await page.goto(`${e.base}/kpi`);
    const c7 = page.getByTestId('kpi-status-C7');
    await c7.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('tr', { has: c7 }).innerText(), { timeout: 10_000 })
      .toContain(`已完成 ${done + 1}/${total} 项`);
    await page.close();
  });

  it('the journey funnel leads to the households stuck at a stage and to the monthly report', async () => {
    const page = await pageIn(e, 'zh-CN', DESKTOP);
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/journey`);
    const funnel = page.getByTestId('journey-funnel');
    await funnel.waitFor();
    for (const name of ['认识', '了解', '理解', '帮助', '感动', '成就'])
      await expect.poll(() => funnel.innerText(), { timeout: 10_000 }).toContain(name);
    await page.getByTestId('journey-stage-know').click();
    const stuck = page.getByTestId('journey-stuck');
    await stuck.waitFor();
    const first = stuck.locator('[data-testid^="journey-household-"]').first();
    await first.waitFor();
    await shot(page, 'journey-zh');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('journey-report-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^monthly-report-\d{4}-\d{2}\.pdf$/);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('journey-report-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    // A household of the list opens its archive.
    await first.locator('a').first().click();
    await page.waitForURL(/\/households\/[^/]+$/);
    await page.close();
  });

  it('reads in English', async () => {
    const page = await pageIn(e, 'en', DESKTOP);
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/organizations`);
    await page.getByTestId('org-list').locator('strong', { hasText: '业主委员会' }).waitFor();
    await expect
      .poll(() => page.getByTestId('org-list').innerText(), { timeout: 10_000 })
      .toContain("Owners' committee");
    await shot(page, 'organizations-list-en');
    await page.goto(`${e.base}/care-plan`);
    await page.getByTestId('care-progress').waitFor();
    await expect
      .poll(() => page.getByTestId('care-plan').innerText(), { timeout: 10_000 })
      .toContain('Seasonal care plan');
    await shot(page, 'care-plan-en');
    await page.goto(`${e.base}/journey`);
    await page.getByTestId('journey-funnel').waitFor();
    await page.getByTestId('journey-stage-learn').click();
    await page.getByTestId('journey-stuck').waitFor();
    await expect
      .poll(() => page.getByTestId('journey-funnel').innerText(), { timeout: 10_000 })
      .toContain('Reached by');
    await shot(page, 'journey-en');
    await page.close();
  });

  it('on a phone, the culture specialist logs a contact and reads the care plan and the funnel', async () => {
    const page = await pageIn(e, 'zh-CN', PHONE);
    await login(page, e.base, 'culture');
    await page.goto(`${e.base}/organizations`);
    await page.getByTestId('org-list').locator('strong', { hasText: '晨曦舞蹈队' }).click();
    await page.getByTestId('org-detail').waitFor();
    await page.getByTestId('org-log-contact').click();
    await page.getByTestId('org-contact-summary').fill('电话提醒队长冬季活动提前到 18:30 结束');
    await page.getByTestId('org-contact-save').click();
    await page.getByTestId('org-contacts').getByText('电话提醒队长冬季活动提前到 18:30 结束').waitFor();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await shot(page, 'organization-detail-phone');
    await page.goto(`${e.base}/care-plan`);
    await page.getByTestId('care-progress').waitFor();
    await shot(page, 'care-plan-phone');
    // The page fits the phone: nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.close();

    // The journey is for those who read the KPI board (manager, squad leaders, supervisors).
    const manager = await pageIn(e, 'zh-CN', PHONE);
    await login(manager, e.base, 'manager');
    await manager.goto(`${e.base}/journey`);
    await manager.getByTestId('journey-funnel').waitFor();
    await shot(manager, 'journey-phone');
    expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await manager.close();
  });
});
