import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();

/** Lets antd's fade-in/out animations finish before a screenshot. */
const settle = (page: { waitForTimeout(ms: number): Promise<void> }) => page.waitForTimeout(500);

// The duty roster (值班表) and the service catalog (服务目录) in the real built console: a manager
// sees who is on duty now, edits a technician's week and adds leave; edits a catalog entry's
// price in yuan (stored in fen); the same pages in English and on a phone.
describe.runIf(enabled)('duty roster and service catalog in a real browser', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => e?.close());

  it('the roster: week grid, who is on duty now, edit a week, add leave; English and phone', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/roster`);
    const table = page.getByTestId('roster-table');
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('07:00–19:00');
    await expect
      .poll(() => page.getByTestId('roster-on-duty').innerText(), { timeout: 10_000 })
      .toContain('当前在岗');
    await settle(page);
    await shot(page, 'roster-security-zh');

    // The technical team: the demo technician's week is edited to a night shift on Monday.
    await page.getByTestId('roster-team').getByText('工程', { exact: true }).click();
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('王志刚');
    const row = page.locator('tr', { hasText: '王志刚' });
    await row.getByTestId('roster-edit').click();
    const monday = page.getByTestId('roster-edit-day-1');
    await expect.poll(() => monday.innerText()).toContain('08:30');
    await settle(page);
    await shot(page, 'roster-edit-week-zh');
    await page.getByRole('button', { name: /夜班/ }).click();
    await page.getByTestId('roster-save').click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('19:00–次日07:00');
    const tech = await e.database.db
      .selectFrom('duty_patterns as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.version'])
      .where('a.username', '=', 'tech')
      .executeTakeFirstOrThrow();
    expect(Number(tech.version)).toBe(2);

    // Leave for the demo technician today.
    await row.getByRole('button', { name: '请假/加班' }).click();
    await page.getByTestId('roster-exception-save').click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('请假');
    await settle(page);
    await shot(page, 'roster-technical-zh');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Duty roster');
    await page.getByTestId('roster-team').getByText('Security', { exact: true }).click();
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('07:00–19:00');
    await settle(page);
    await shot(page, 'roster-security-en');
    await page.close();

    const phone = await e.browser.newPage({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await login(phone, e.base, 'squad');
    await phone.goto(`${e.base}/roster`);
    await expect.poll(() => phone.getByTestId('roster-card').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(380);
    await settle(phone);
    await shot(phone, 'roster-mobile-zh');
    await phone.close();
  }, 90_000);

  it('the catalog: internal entries tagged, price edited in yuan and stored in fen; English and phone', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/service-catalog`);
    const table = page.getByTestId('catalog-table');
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('更换水龙头');
    expect(await page.getByTestId('catalog-internal').count()).toBeGreaterThanOrEqual(2);
    await settle(page);
    await shot(page, 'catalog-zh');

    const row = page.locator('tr', { hasText: '更换水龙头' });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('¥30.00');
    await row.getByTestId('catalog-edit').click();
    const price = page.locator('#priceYuan');
    await price.fill('35.5');
    await settle(page);
    await shot(page, 'catalog-drawer-zh');
    await page.getByTestId('catalog-save').click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('¥35.50');
    const stored = await e.database.db
      .selectFrom('service_catalog as c')
      .innerJoin('estates as e', 'e.id', 'c.estate_id')
      .select(['c.price_fen', 'c.version'])
      .where('e.code', '=', 'lvyuan')
      .where('c.code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow();
    expect(Number(stored.price_fen)).toBe(3550);
    expect(Number(stored.version)).toBe(2);

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('Replace a faucet');
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('Internal');
    await settle(page);
    await shot(page, 'catalog-en');
    await page.close();

    const phone = await e.browser.newPage({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await login(phone, e.base, 'manager');
    await phone.goto(`${e.base}/service-catalog`);
    await expect
      .poll(() => phone.getByTestId('catalog-table').innerText(), { timeout: 10_000 })
      .toContain('水龙头');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(380);
    await settle(phone);
    await shot(phone, 'catalog-mobile-zh');
    await phone.getByTestId('catalog-new').click();
    await settle(phone);
    await shot(phone, 'catalog-drawer-mobile-zh');
    await phone.close();
  }, 90_000);
});
