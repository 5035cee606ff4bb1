import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { type Container, createContainer } from '../../server/container.js';
import type { Database } from '../../server/db/database.js';
import { FixedClock } from '../../server/lib/clock.js';
import { TEST_PASSWORD } from './factories.js';
import { createTestDb } from './test-db.js';

export interface TestApp {
  app: FastifyInstance;
  c: Container;
  database: Database;
  clock: FixedClock;
  /** Logs in and returns the cookie header for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with a JSON body and an optional session cookie. */
  call(cookie: string | undefined, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh database, a fixed clock (2026-11-27 10:00 Beijing) and the app, for HTTP tests. */
export async function buildTestApp(): Promise<TestApp> {
  const database = await createTestDb();
  const clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
  const c = createContainer({
    db: database.db,
    clock,
    auth: { ipMaxFailures: 1000 },
    secretKey: 'test-secret-key-for-provider-credentials',
  });
  const app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const call = (cookie: string | undefined, opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
  return {
    app,
    c,
    database,
    clock,
    call,
    async login(username, password = TEST_PASSWORD) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      const set = r.cookies.find((x) => x.name === 'sid');
      return `sid=${set!.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
