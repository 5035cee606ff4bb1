import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createContainer } from '../../server/container.js';
import type { Database } from '../../server/db/database.js';
import { systemClock } from '../../server/lib/clock.js';
import { createTestDb } from '../helpers/test-db.js';

/** A dist directory holding only the named apps, each an index.html naming itself. */
function distWith(apps: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'guanjia-dist-'));
  for (const a of apps) {
    mkdirSync(join(dir, a), { recursive: true });
    writeFileSync(join(dir, a, 'index.html'), `<!doctype html><title>${a}</title>`);
  }
  return dir;
}

let open: { app: FastifyInstance; database: Database; dir: string } | undefined;
afterEach(async () => {
  await open?.app.close();
  await open?.database.close();
  if (open) rmSync(open.dir, { recursive: true, force: true });
  open = undefined;
});

async function serve(apps: string[]): Promise<FastifyInstance> {
  const database = await createTestDb();
  const dir = distWith(apps);
  const app = await buildApp({
    container: createContainer({ db: database.db, clock: systemClock }),
    logLevel: 'silent',
    distDir: dir,
  });
  open = { app, database, dir };
  return app;
}

describe('the built web apps', () => {
  it('the entrance board and the rating page are served even when the console is not built', async () => {
    const app = await serve(['board', 'rating']);
    const board = await app.inject({ method: 'GET', url: '/board/some-token' });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('<title>board</title>');
    expect(board.headers['cache-control']).toBe('no-cache');
    const rating = await app.inject({ method: 'GET', url: '/r/some-token' });
    expect(rating.statusCode).toBe(200);
    expect(rating.body).toContain('<title>rating</title>');
    expect((await app.inject({ method: 'GET', url: '/households' })).statusCode).toBe(404);
  });

  it('with all three built, each path gets its own app and unknown API paths stay 404', async () => {
    const app = await serve(['console', 'board', 'rating']);
    expect((await app.inject({ method: 'GET', url: '/households/x' })).body).toContain(
      '<title>console</title>',
    );
    expect((await app.inject({ method: 'GET', url: '/board/t' })).body).toContain('<title>board</title>');
    expect((await app.inject({ method: 'GET', url: '/r/t' })).body).toContain('<title>rating</title>');
    expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/board/assets/missing.js' })).statusCode).toBe(404);
  });
});
