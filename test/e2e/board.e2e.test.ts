import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, type E2E, shot, startE2E } from './browser.js';

const enabled = browserTestsEnabled();

// The entrance board (S11, E16) on a 1920×1080 screen: date with the lunar date, weather, plate
// restriction and a greeting; when the server cannot be reached it keeps the last data and says
// when it was updated.
describe.runIf(enabled)('entrance board in a real browser', () => {
  let e: E2E;
  let token: string;

  beforeAll(async () => {
    e = await startE2E();
    const entrance = await e.database.db
      .selectFrom('entrances')
      .innerJoin('estates', 'estates.id', 'entrances.estate_id')
      .select('entrances.board_token')
      .where('estates.code', '=', 'lvyuan')
      .where('entrances.is_main', '=', 1)
      .executeTakeFirstOrThrow();
    token = entrance.board_token;
  }, 120_000);
  afterAll(async () => e?.close());

  it('shows the day in Chinese, then the last known data when the server is unreachable', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await page.goto(`${e.base}/board/${token}`);
    const board = page.getByTestId('board');
    await expect.poll(() => board.innerText(), { timeout: 10_000 }).toMatch(/农历/);
    const text = await board.innerText();
    expect(text).toMatch(/限行|不限行/);
    expect(text).toContain('绿苑小区');
    await expect.poll(() => page.getByTestId('board-greeting').innerText()).not.toBe('');
    await shot(page, 'board-zh');

    // The server goes away: a reload still shows the saved data, marked with its time.
    await page.route('**/api/public/boards/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await expect
      .poll(() => page.getByTestId('board-offline').innerText(), { timeout: 15_000 })
      .toMatch(/网络中断/);
    await expect.poll(() => page.getByTestId('board').innerText(), { timeout: 10_000 }).toMatch(/农历/);
    await shot(page, 'board-offline-zh');
    await page.close();
  });

  it('says so for an unknown board link', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${e.base}/board/not-a-real-token-000000000000000000000`);
    await expect
      .poll(() => page.getByTestId('board-not-found').innerText(), { timeout: 10_000 })
      .toMatch(/无效|not valid/);
    await page.close();
  });
});

describe.skipIf(enabled)('entrance board in a real browser', () => {
  it('is skipped: Debian chromium is not installed here (required in CI)', () => {
    expect(enabled).toBe(false);
  });
});
