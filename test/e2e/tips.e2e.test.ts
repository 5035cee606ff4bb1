import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();

// The tips library (C8, E10, E11, T10): a manager sees this solar term's proposals, filters the
// library, edits a tip and posts one on the entrance boards; in Chinese, English and on a phone.
describe.runIf(enabled)('tips library in the console', () => {
  let e: E2E;
  let estateId: string;

  beforeAll(async () => {
    e = await startE2E();
    estateId = (
      await e.database.db.selectFrom('estates').select('id').orderBy('code').executeTakeFirstOrThrow()
    ).id;
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('proposes this solar term’s tips, edits one and posts one on the entrance boards (zh-CN)', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, e.base, 'manager');
    await page.goto(`${e.base}/tips`);
    const proposals = page.getByTestId('tip-proposals');
    await expect.poll(() => proposals.innerText(), { timeout: 15_000 }).toContain('本节气推荐');
    const table = page.getByTestId('tips-table');
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('冬季防冻');
    await shot(page, 'tips-zh');

    // Filter: plant care only.
    await page.getByTestId('tip-category').getByText('绿植养护').click();
    await expect.poll(() => table.innerText()).toContain('春季绿植换盆');
    await expect.poll(() => table.innerText()).not.toContain('冬季防冻');

    // Edit the winter plant tip's Chinese title (the one of the estate on screen).
    const candidates = await e.database.db
      .selectFrom('tips')
      .select(['id', 'estate_id'])
      .where('seed_key', '=', 'plant-winter-1')
      .execute();
    let winter = candidates[0]!;
    for (const c of candidates) if ((await page.getByTestId(`tip-edit-${c.id}`).count()) > 0) winter = c;
    estateId = winter.estate_id;
    await page.getByTestId(`tip-edit-${winter.id}`).click();
    const editor = page.getByTestId('tip-editor');
    await editor.locator('#titleZh').fill('冬季室内绿植养护');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('冬季室内绿植养护');
    const row = await e.database.db
      .selectFrom('tips')
      .select(['title_zh', 'version'])
      .where('id', '=', winter.id)
      .executeTakeFirstOrThrow();
    expect(row.title_zh).toBe('冬季室内绿植养护');
    expect(Number(row.version)).toBe(2);

    // Post it on the entrance boards (C8).
    await table.getByTestId(`tip-post-${winter.id}`).click();
    await page;
    await page
      .getByRole('dialog')
      .filter({ hasText: '发布为门岗屏温馨提示' })
      .locator('.ant-btn-primary')
      .click();
    await expect.poll(() => page.getByTestId('post-notice-done').count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'tips-posted-zh');
    const notices = await e.database.db
      .selectFrom('board_notices')
      .select(['kind', 'text_zh'])
      .where('estate_id', '=', estateId)
      .where('kind', '=', 'warm_tip')
      .execute();
    expect(notices.map((n) => n.text_zh)).toContain(
      '冬季室内绿植放在有阳光的窗边，但不要贴近暖气片；见干见湿，宁干勿涝。',
    );
    await page.close();
  }, 90_000);

  it('reads in English and fits a phone', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en' });
    await login(page, e.base, 'manager');
    await page.getByTestId('lang-switch').click();
    await page.goto(`${e.base}/tips`);
    await expect
      .poll(() => page.getByTestId('tip-proposals').innerText(), { timeout: 15_000 })
      .toContain('For this solar term');
    await expect
      .poll(() => page.getByTestId('tips-table').innerText())
      .toContain('Protect pipes from freezing');
    expect(await page.locator('body').innerText()).not.toMatch(/温馨提示库|本节气推荐/);
    await shot(page, 'tips-en');
    await page.close();

    const phone = await e.browser.newPage({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await login(phone, e.base, 'manager');
    await phone.goto(`${e.base}/tips`);
    await expect
      .poll(() => phone.getByTestId('tip-proposals').innerText(), { timeout: 15_000 })
      .toContain('本节气推荐');
    await shot(phone, 'tips-phone-zh');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.close();
  }, 90_000);
});
