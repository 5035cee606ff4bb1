import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Before the suite: build the web console when browser tests will run and the build is
 * missing or stale, so that `npm test` on a fresh clone tests the real built app.
 */
export default async function setup() {
  const { ROOT, webNeedsBuild } = await import('../../server/main.js');
  if (!existsSync('/usr/bin/chromium') || process.env.GUANJIA_SKIP_E2E === '1') return;
  if (!existsSync(join(ROOT, 'vite.config.ts')) || !webNeedsBuild()) return;
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('vite build failed before the browser tests');
}
