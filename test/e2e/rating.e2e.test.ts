import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompleteBody, CreateServiceRequestBody } from '../../contract/service-requests.js';
import { type Actor, systemActor } from '../../server/modules/auth/index.js';
import { browserTestsEnabled, type E2E, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();
const CRITERIA = ['punctuality', 'attitude', 'skill', 'tidiness', 'overall'] as const;

// The supervision card (服务监督卡, issue 3 / T3) on a resident's phone: the technician completes a
// job, the resident opens the card's link without logging in, scores it (2 stars overall) with a
// comment and sees the thanks; the low score opens a revisit; the link then says it was used.
describe.runIf(enabled)('supervision card rating page in a real browser', () => {
  let e: E2E;
  let requestId: string;
  let path: string;

  beforeAll(async () => {
    e = await startE2E();
    const { db } = e.database;
    const estate = await db
      .selectFrom('estates')
      .select('id')
      .where('code', '=', 'lvyuan')
      .executeTakeFirstOrThrow();
    const household = await db
      .selectFrom('households')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('occupancy', '=', 'owner_occupied')
      .orderBy('room_sort')
      .limit(1)
      .executeTakeFirstOrThrow();
    const entry = await db
      .selectFrom('service_catalog')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow();
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('username', '=', 'tech')
      .executeTakeFirstOrThrow();
    const tech: Actor = {
      id: account.id,
      role: 'technician',
      displayName: account.display_name,
      estateIds: [estate.id],
      allEstates: false,
      ip: null,
      lang: 'zh-CN',
    };
    const created = await e.container.serviceRequests.create(
      systemActor([estate.id]),
      CreateServiceRequestBody.parse({
        estateId: estate.id,
        householdId: household.id,
        catalogId: entry.id,
        channel: 'on_site',
        description: '厨房水龙头漏水',
      }),
    );
    requestId = created.id;
    await e.container.serviceRequests.accept(tech, requestId);
    await e.container.serviceRequests.complete(
      tech,
      requestId,
      CompleteBody.parse({ minutesSpent: 20, notes: '更换了阀芯' }),
    );
    path = (await e.container.ratings.issueLink(tech, requestId, e.base)).path;
    expect(path).toMatch(/^\/r\/.+/);
  }, 120_000);
  afterAll(async () => e?.close());

  it('the resident rates on a phone, sees the thanks, and the link is then used up', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${e.base}${path}`);
    await expect
      .poll(() => page.getByTestId('rating-service').innerText(), { timeout: 10_000 })
      .toContain('更换水龙头');
    const text = await page.getByTestId('rating-page').innerText();
    expect(text).toContain('请为本次服务打分');
    expect(text).toContain('王志刚'); // the technician's display name, nothing more about them
    for (const label of ['准时', '态度', '技能', '整洁', '总体评价', '留言（选填）', '提交评价'])
      expect(text).toContain(label);

    // Stars are real touch targets on a 375 px screen.
    const box = await page.getByTestId('rating-star-overall-5').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);

    // The button waits for all five scores.
    const submit = page.getByTestId('rating-submit');
    expect(await submit.isDisabled()).toBe(true);
    const scores = { punctuality: 4, attitude: 4, skill: 3, tidiness: 4, overall: 2 };
    for (const c of CRITERIA.slice(0, 4)) await page.getByTestId(`rating-star-${c}-${scores[c]}`).tap();
    expect(await submit.isDisabled()).toBe(true);
    await page.getByTestId('rating-star-overall-2').tap();
    await page.getByTestId('rating-comment').fill('师傅来晚了一个小时，希望下次准时');
    expect(await submit.isDisabled()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'rating-mobile-zh');

    await submit.tap();
    await expect
      .poll(() => page.getByTestId('rating-thanks').innerText(), { timeout: 10_000 })
      .toContain('感谢您的评价！我们会认真对待每一条意见。');
    await shot(page, 'rating-thanks-zh');

    // The card holds the scores; the low overall score opened a revisit for the team.
    const card = await e.database.db
      .selectFrom('rating_cards')
      .select(['id', 'status', 'overall', 'comment'])
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(card.status).toBe('submitted');
    expect(Number(card.overall)).toBe(2);
    expect(card.comment).toContain('希望下次准时');
    const revisit = await e.database.db
      .selectFrom('revisits')
      .select(['kind', 'card_id'])
      .where('request_id', '=', requestId)
      .where('kind', '=', 'low_score')
      .executeTakeFirst();
    expect(revisit?.card_id).toBe(card.id);

    // The same link again: already rated, no form.
    await page.goto(`${e.base}${path}`);
    const error = page.getByTestId('rating-error');
    await expect.poll(() => error.getAttribute('data-kind'), { timeout: 10_000 }).toBe('already');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('您已经评价过这次服务');
    expect(await page.getByTestId('rating-submit').count()).toBe(0);
    await page.close();
  });

  it('switches to English and says so for an unknown link', async () => {
    const page = await e.browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    await page.goto(`${e.base}/r/not-a-real-token-000000000000000000000`);
    const error = page.getByTestId('rating-error');
    await expect.poll(() => error.getAttribute('data-kind'), { timeout: 10_000 }).toBe('not_found');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('链接无效');
    await page.getByTestId('rating-lang').click();
    await expect.poll(() => error.innerText()).toContain('Link not valid');
    await page.close();
  });
});

describe.skipIf(enabled)('supervision card rating page in a real browser', () => {
  it('is skipped: Debian chromium is not installed here (required in CI)', () => {
    expect(enabled).toBe(false);
  });
});
