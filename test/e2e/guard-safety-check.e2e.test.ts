import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A phone whose console starts in `lang` (the choice the language switch keeps). */
async function phoneIn(e: E2E, lang: 'zh-CN' | 'en') {
  const page = await e.browser.newPage({ ...PHONE, locale: lang });
  await page.addInitScript((l) => localStorage.setItem('guanjia.lang', l), lang);
  return page;
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

// S2 in the console: a guard at a door, phone in hand, finds the household by the room as people
// say it (3栋2单元501), ticks what was checked, notes a hazard, saves, and finds the check in
// their list. The form offers nothing a guard may not record (no hobbies, no sensitive facts).
describe.runIf(enabled)('a guard records a home safety check on a phone', () => {
  let e: E2E;
  let estateId: string;
  let room: { id: string; code: string; spoken: string };
  let guardId: string;

  beforeAll(async () => {
    e = await startE2E();
    const db = e.database.db;
    estateId = e.estateId;
    guardId = (
      await db.selectFrom('accounts').select('id').where('username', '=', 'guard').executeTakeFirstOrThrow()
    ).id;
    const h = await db
      .selectFrom('households')
      .select(['id', 'room_code'])
      .where('estate_id', '=', estateId)
      .where('occupancy', '=', 'owner_occupied')
      .where('room_code', 'like', '%-%-%')
      .orderBy('room_code')
      .executeTakeFirstOrThrow();
    const [b, u, r] = h.room_code.split('-');
    room = { id: h.id, code: h.room_code, spoken: `${b}栋${u}单元${r}` };
  }, 120_000);
  afterAll(async () => e?.close());

  it('finds the household by room, records the check with a hazard, and lists it (zh-CN)', async () => {
    const phone = await phoneIn(e, 'zh-CN');
    await login(phone, e.base, 'guard');
    // The side menu offers the guard their safety checks.
    await phone.getByTestId('menu-toggle').click();
    await phone.getByRole('menuitem', { name: '安全检查' }).click();
    await phone.getByTestId('visit-list').waitFor({ timeout: 15_000 });
    expect(new URL(phone.url()).pathname).toBe('/visits');
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 10_000 }).toContain('我的安全检查');
    await phone.getByTestId('visit-new').click();

    const form = phone.getByTestId('safety-check-form');
    await form.waitFor({ timeout: 15_000 });
    // Only what a guard records: the kind is fixed, no archive write-back, no sensitive facts.
    await expect
      .poll(() => phone.getByTestId('safety-check-kind').innerText(), { timeout: 10_000 })
      .toBe('居家安全检查');
    for (const absent of ['visit-kind', 'visit-hobbies', 'visit-writeback', 'visit-satisfaction'])
      expect(await phone.getByTestId(absent).count(), absent).toBe(0);
    expect(await form.innerText()).not.toMatch(/爱好|敏感|健康/);

    await phone.getByTestId('safety-check-room').fill(room.spoken);
    await phone.getByTestId('safety-check-room').press('Enter');
    await phone.getByTestId(`household-option-${room.id}`).click();
    await phone.getByTestId('safety-check-household').waitFor();
    await expect
      .poll(() => phone.getByTestId('safety-check-household').innerText(), { timeout: 10_000 })
      .toContain(room.code);
    await phone.getByTestId('safety-check-hazard-add').click();
    await phone.getByTestId('safety-check-hazard-0').fill('燃气软管老化发硬');
    await phone.getByTestId('safety-check-met').fill('户主本人');
    await noSidewaysScroll(phone);
    await shot(phone, 'guard-safety-check-form-mobile-zh');

    await phone.getByTestId('safety-check-save').click();
    const result = phone.getByTestId('safety-check-result');
    await result.waitFor({ timeout: 15_000 });
    await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain(`${room.code} 安全检查已记录`);
    await shot(phone, 'guard-safety-check-saved-mobile-zh');

    // What the server kept: a safety check by this guard, the hazard as a problem, no write-back.
    const saved = await e.database.db
      .selectFrom('visits')
      .select(['id', 'kind', 'visitor_id', 'notes', 'met_whom', 'write_back'])
      .where('household_id', '=', room.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ kind: 'safety_check', visitor_id: guardId, met_whom: '户主本人' });
    expect(saved.notes).toContain('已检查：报警器、燃气、铁栏杆、门窗、用电');
    expect(String(saved.write_back)).toContain('not_requested');
    const problems = await e.database.db
      .selectFrom('visit_problems')
      .select('text')
      .where('visit_id', '=', saved.id)
      .execute();
    expect(problems.map((p) => p.text)).toEqual(['燃气软管老化发硬']);

    await phone.getByTestId('safety-check-mine').click();
    const card = phone.getByTestId(`visit-card-${saved.id}`);
    await card.waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    expect(text).toContain(room.code);
    expect(text).toContain('居家安全检查');
    expect(text).toContain('燃气软管老化发硬');
    await noSidewaysScroll(phone);
    await shot(phone, 'guard-safety-checks-mobile-zh');
    await phone.close();
  });

  it('the same in English', async () => {
    const phone = await phoneIn(e, 'en');
    await login(phone, e.base, 'guard');
    await phone.goto(`${e.base}/visits/new`);
    const form = phone.getByTestId('safety-check-form');
    await form.waitFor({ timeout: 15_000 });
    const body = await phone.locator('body').innerText();
    expect(body).toContain('Home safety check');
    expect(body).toContain('Hazards found');
    expect(body).not.toMatch(/安全检查|已检查|隐患/);
    await noSidewaysScroll(phone);
    await shot(phone, 'guard-safety-check-form-mobile-en');

    await phone.goto(`${e.base}/visits`);
    await phone.locator('[data-testid^="visit-card-"]').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => phone.locator('body').innerText(), { timeout: 10_000 })
      .toContain('My safety checks');
    await shot(phone, 'guard-safety-checks-mobile-en');
    await phone.close();
  });
});
