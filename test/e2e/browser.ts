import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import { type Container, createContainer } from '../../server/container.js';
import { type Database, openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrator.js';
import { systemClock } from '../../server/lib/clock.js';
import { DIST, ROOT } from '../../server/main.js';
import type { Actor } from '../../server/modules/auth/index.js';
import { seedDemo } from '../../server/modules/demo/index.js';
import { actorOf as dbActorOf } from '../helpers/factories.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land in test-results/; GUANJIA_SCREENSHOTS=docs refreshes the README's docs/screenshots. */
export const SCREENSHOTS =
  process.env.GUANJIA_SCREENSHOTS === 'docs'
    ? join(ROOT, 'docs', 'screenshots')
    : join(ROOT, 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'e2e-demo-password-1';

/** Browser tests run when Chromium is installed; in CI they are required (a missing browser fails). */
export function browserTestsEnabled(): boolean {
  if (process.env.GUANJIA_SKIP_E2E === '1') return false;
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`browser tests are required in CI but ${CHROMIUM} is missing`);
  return false;
}

export interface E2E {
  base: string;
  /** The demo estate the demo accounts work in (绿苑小区, code lvyuan). */
  estateId: string;
  browser: Browser;
  database: Database;
  container: Container;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real built console, served by the real app on loopback, over a demo estate on SQLite.
 * The app serves a private copy of the built web apps, so that a rebuild running meanwhile
 * (another test run, a developer's `npm run build`) cannot pull assets away mid-test.
 * `secretKey` lets provider credentials be stored (GUANJIA_SECRET_KEY).
 */
export async function startE2E(opts: { secretKey?: string } = {}): Promise<E2E> {
  if (!existsSync(join(DIST, 'console', 'index.html')))
    throw new Error('the console is not built (npm run build)');
  const dir = mkdtempSync(join(tmpdir(), 'guanjia-e2e-'));
  const database = openDatabase(undefined, dir);
  await migrateToLatest(database.db);
  await seedDemo(database.db, { password: DEMO_PASSWORD, now: new Date() });
  const { id: estateId } = await database.db
    .selectFrom('estates')
    .select('id')
    .where('code', '=', 'lvyuan')
    .executeTakeFirstOrThrow();
  const container = createContainer({ db: database.db, clock: systemClock, secretKey: opts.secretKey });
  const dist = join(dir, 'dist');
  cpSync(DIST, dist, { recursive: true });
  const app = await buildApp({ container, logLevel: 'warn', distDir: dist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base: `http://127.0.0.1:${port}`,
    estateId,
    browser,
    database,
    container,
    app,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form. */
export async function login(page: Page, base: string, username: string) {
  await page.goto(`${base}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** A demo account as the actor of a service call (for arranging data a test starts from). */
export function actorOf(database: Database, username: string, estateId: string): Promise<Actor> {
  return dbActorOf(database.db, username, estateId);
}
