import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, loadConfig } from './config.js';
import { type Container, createContainer } from './container.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { systemClock } from './lib/clock.js';
import { seedCalendar } from './modules/calendar/index.js';
import { seedDefaultLoanItems } from './modules/loans/index.js';
import { seedDefaultTemplates } from './modules/messaging/index.js';
import { seedDefaultPlan } from './modules/plan/index.js';
import { seedDefaultCatalog } from './modules/service-requests/index.js';
import { seedDefaultTips } from './modules/tips/index.js';
import { startScheduler } from './scheduler.js';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');

export interface Running {
  app: FastifyInstance;
  database: Database;
  container: Container;
  stop(): Promise<void>;
}

/** Opens the configured database and applies pending migrations. */
export async function openAndMigrate(config: Config): Promise<Database> {
  const database = openDatabase(config.DATABASE_URL, config.dataDir);
  const applied = await migrateToLatest(database.db);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  await seedCalendar(database.db, new Date());
  // Estates created before a module existed get its defaults (idempotent).
  for (const e of await database.db.selectFrom('estates').select('id').execute()) {
    await seedDefaultPlan(database.db, e.id, new Date());
    await seedDefaultCatalog(database.db, e.id, new Date());
    await seedDefaultLoanItems(database.db, e.id, new Date());
    await seedDefaultTemplates(database.db, e.id, new Date());
    await seedDefaultTips(database.db, e.id, new Date());
  }
  return database;
}

/** Newest modification time of any file under a folder (skips node_modules). */
function newest(dir: string): number {
  let max = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    max = Math.max(max, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return max;
}

/** True when the web console has no build, or its sources changed since the last build. */
export function webNeedsBuild(): boolean {
  const apps = ['console', 'board', 'rating'].filter((a) => existsSync(join(ROOT, 'web', a)));
  if (apps.length === 0) return false;
  const indexes = apps.map((a) => join(DIST, a, 'index.html'));
  if (indexes.some((i) => !existsSync(i))) return true;
  const built = Math.min(...indexes.map((i) => statSync(i).mtimeMs));
  return newest(join(ROOT, 'web')) > built || newest(join(ROOT, 'contract')) > built;
}

/** Builds the web apps (the console, the entrance board, the residents' rating page) with Vite; throws when a build fails. */
export function buildWebApps(): void {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const args of [
    [],
    ['-c', join(ROOT, 'vite.board.config.ts')],
    ['-c', join(ROOT, 'vite.rating.config.ts')],
  ]) {
    const r = spawnSync(process.execPath, [vite, 'build', ...args, '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`);
  }
}

/**
 * config → db → migrate → container → app → listen → scheduler. Pass `opened` when the caller has
 * already opened and migrated the database (npm start), so start-up does not do it twice.
 */
export async function serve(config: Config = loadConfig(), opened?: Database): Promise<Running> {
  const database = opened ?? (await openAndMigrate(config));
  const container = createContainer({
    db: database.db,
    clock: systemClock,
    auth: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    secretKey: config.GUANJIA_SECRET_KEY,
    attachments: {
      dir: join(config.dataDir, 'uploads'),
      maxBytes: Math.round(config.ATTACHMENT_MAX_MB * 1024 * 1024),
    },
  });
  const app = await buildApp({
    container,
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUST_PROXY,
    publicOrigin: config.PUBLIC_ORIGIN,
    distDir: DIST,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const scheduler = startScheduler(container, app.log);
  return {
    app,
    database,
    container,
    async stop() {
      scheduler.stop();
      await app.close();
      await database.close();
    },
  };
}
