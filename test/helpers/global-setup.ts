import { existsSync } from 'node:fs';

/**
 * Before the suite: build the web apps when browser tests will run and the build is missing or
 * stale, so that `npm test` on a fresh clone tests the real built app.
 */
export default async function setup() {
  const { buildWebApps, webNeedsBuild } = await import('../../server/main.js');
  if (!existsSync('/usr/bin/chromium') || process.env.GUANJIA_SKIP_E2E === '1') return;
  if (webNeedsBuild()) buildWebApps();
}
