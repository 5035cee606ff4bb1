import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateServiceRequestBody } from '../../contract/service-requests.js';
import { png } from '../../server/modules/attachments/attachment.fixtures.js';
import { actorOf, browserTestsEnabled, type E2E, login, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();

/** True once every photo in the gallery has loaded real pixels (the authenticated download works). */
async function photosShown(page: import('playwright-core').Page, scope: string) {
  return page.evaluate((sel) => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>(`${sel} [data-testid="photo-gallery"] img`)];
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0) ? imgs.length : 0;
  }, scope);
}

// Issue 3: the technician completes a job with a photo on a phone; the photo shows on the request
// page for the manager (zh-CN and English). Issue 4: a butler adds a photo on the visit form.
describe.runIf(enabled)('photo attachments in a real browser', () => {
  let e: E2E;
  let requestId: string;
  let householdId: string;

  beforeAll(async () => {
    e = await startE2E();
    const h = await e.database.db
      .selectFrom('households')
      .innerJoin('estates', 'estates.id', 'households.estate_id')
      .select(['households.id', 'households.estate_id'])
      .where('estates.code', '=', 'lvyuan')
      .where('households.occupancy', '=', 'owner_occupied')
      .orderBy('households.room_sort')
      .limit(1)
      .executeTakeFirstOrThrow();
    householdId = h.id;
    const faucet = await e.database.db
      .selectFrom('service_catalog')
      .select('id')
      .where('estate_id', '=', h.estate_id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow();
    const manager = await actorOf(e.database, 'manager', h.estate_id);
    const tech = await actorOf(e.database, 'tech', h.estate_id);
    const req = await e.container.serviceRequests.create(
      manager,
      CreateServiceRequestBody.parse({
        estateId: h.estate_id,
        householdId: h.id,
        catalogId: faucet.id,
        description: '卫生间水龙头滴水',
        channel: 'phone',
      }),
    );
    await e.container.serviceRequests.assign(manager, req.id, { assigneeId: tech.id });
    await e.container.serviceRequests.accept(tech, req.id);
    await e.container.serviceRequests.start(tech, req.id);
    requestId = req.id;
  }, 120_000);
  afterAll(async () => e?.close());

  it('a technician completes a job with a photo; it shows on the request page', async () => {
    const phone = { viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true };
    const techPage = await e.browser.newPage(phone);
    await login(techPage, e.base, 'tech');
    await techPage.goto(`${e.base}/requests/${requestId}`);
    await techPage.getByTestId('job-complete').click();
    const input = techPage.getByTestId('complete-form').getByTestId('photo-input');
    // A text file named .jpg is refused in the browser with a clear message, nothing is sent.
    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo'),
    });
    await expect
      .poll(() => techPage.locator('.ant-message').innerText(), { timeout: 5_000 })
      .toContain('不是照片');
    await input.setInputFiles({
      name: '完工照片.png',
      mimeType: 'image/png',
      buffer: png(320, 240, [46, 139, 87]),
    });
    await expect.poll(() => photosShown(techPage, '.ant-modal'), { timeout: 10_000 }).toBe(1);
    await techPage.getByTestId('complete-notes').fill('更换阀芯，已试水无渗漏');
    await techPage.getByTestId('complete-minutes').fill('25');
    await shot(techPage, 'attachments-complete-mobile');
    await techPage.getByTestId('complete-save').click();
    await expect
      .poll(() => techPage.getByTestId('request-status').innerText(), { timeout: 10_000 })
      .toContain('已完成');
    await expect.poll(() => photosShown(techPage, '[data-testid="photo-card"]'), { timeout: 10_000 }).toBe(1);
    // Completed: the photo stays, no more adding or deleting.
    // (the photo list reloads after the completion: wait for it)
    await expect.poll(() => techPage.getByTestId('photo-add').count()).toBe(0);
    await techPage.getByTestId('photo-card').scrollIntoViewIfNeeded();
    await shot(techPage, 'attachments-request-mobile');
    await techPage.close();

    const rows = await e.database.db
      .selectFrom('attachments')
      .select(['content_type', 'original_name', 'uploaded_by_name'])
      .where('owner_id', '=', requestId)
      .execute();
    expect(rows).toMatchObject([{ content_type: 'image/png', original_name: '完工照片.png' }]);

    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e.browser.newPage({ viewport: { width: 1366, height: 860 }, locale: lang });
      await page.addInitScript((l) => localStorage.setItem('guanjia.lang', l), lang);
      await login(page, e.base, 'manager');
      await page.goto(`${e.base}/requests/${requestId}`);
      await expect.poll(() => photosShown(page, '[data-testid="photo-card"]'), { timeout: 10_000 }).toBe(1);
      await expect
        .poll(() => page.getByTestId('photo-card').innerText(), { timeout: 10_000 })
        .toContain(lang === 'en' ? 'Photos' : '照片');
      await page.getByTestId('photo-card').scrollIntoViewIfNeeded();
      await shot(page, `attachments-request-${lang === 'en' ? 'en' : 'zh'}`);
      await page.close();
    }
  }, 180_000);

  it('a butler records a visit with a photo taken on the phone', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await login(page, e.base, 'butler');
    await page.goto(`${e.base}/visits/new?householdId=${householdId}`);
    await page.getByTestId('visit-household').waitFor();
    await page.getByTestId('photo-pick-input').setInputFiles({
      name: 'door.png',
      mimeType: 'image/png',
      buffer: png(240, 320, [250, 173, 20]),
    });
    await page.getByTestId('photo-picker').locator('img').first().waitFor();
    await page.getByTestId('photo-picker').scrollIntoViewIfNeeded();
    await shot(page, 'attachments-visit-form-mobile');
    await page.getByTestId('visit-save').click();
    await page.getByTestId('visit-result').waitFor({ timeout: 10_000 });
    await expect.poll(() => photosShown(page, '[data-testid="visit-result"]'), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('photos-visit').scrollIntoViewIfNeeded();
    await shot(page, 'attachments-visit-result-mobile');
    await page.close();
  }, 120_000);
});
