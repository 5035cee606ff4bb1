import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { CreateHouseholdBody } from '../../../contract/households.js';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultCatalog } from './service-catalog.seed.js';
import type { ServiceRequestService } from './service-request.service.js';

/** Test wiring for service requests: a fresh DB, fixed clock, the app, staff and households. */
export interface Fixture {
  app: FastifyInstance;
  database: Database;
  clock: FixedClock;
  service: ServiceRequestService;
  estate: TestEstate;
  other: TestEstate;
  /** Account ids by username. */
  ids: Record<string, string>;
  /** Session cookies by username. */
  cookie: Record<string, string>;
  plainHousehold: string;
  careHousehold: string;
  /** Catalog entry ids of the estate by code. */
  catalog: Record<string, string>;
  call(who: string | undefined, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** username, role, estate ('own' | 'other'), team, skills */
const STAFF = [
  ['guard', 'guard', 'own', 'security', []],
  ['squad', 'squad_leader', 'own', 'technical', []],
  ['mgr', 'manager', 'own', 'management', []],
  ['an_tech', 'technician', 'own', 'technical', []],
  ['zhang_tech', 'technician', 'own', 'technical', ['plumbing', 'electrical']],
  ['cleaner', 'cleaner', 'own', 'environment', []],
  ['foreignmgr', 'manager', 'other', 'management', []],
] as const;

export async function buildFixture(): Promise<Fixture> {
  const database = await createTestDb();
  const { db } = database;
  const clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
  const container = createContainer({ db, clock, auth: { ipMaxFailures: 1000 } });
  const service = container.serviceRequests;
  const app = await buildApp({ container, logLevel: 'silent', validateResponses: true });
  await app.ready();

  const estate = await createEstate(db, 'lvyuan');
  const other = await createEstate(db, 'other');
  await seedDefaultCatalog(db, estate.id, clock.now());
  await seedDefaultCatalog(db, other.id, clock.now());

  const ids: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  async function login(username: string) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.body}`);
    cookie[username] = `sid=${r.cookies.find((c) => c.name === 'sid')!.value}`;
  }
  // Tests move the clock by days: a session that went idle is replaced by a fresh login.
  async function call(
    who: string | undefined,
    opts: InjectOptions,
    retry = true,
  ): Promise<LightMyRequestResponse> {
    const r = await app.inject({
      ...opts,
      headers: { ...(who ? { cookie: cookie[who]! } : {}), ...(opts.headers ?? {}) },
    });
    if (who && retry && r.statusCode === 401) {
      await login(who);
      return call(who, opts, false);
    }
    return r;
  }
  for (const [username, role, where, team, skills] of STAFF) {
    const e = where === 'own' ? estate : other;
    ids[username] = await createStaff(db, username, role, [e], team);
    if (skills.length)
      await db
        .updateTable('staff_assignments')
        .set({ skills: JSON.stringify(skills) })
        .where('account_id', '=', ids[username]!)
        .execute();
    await login(username);
  }

  const sys = systemActor([estate.id]);
  const household = (roomIndex: number, careFlags: string[]) =>
    container.households.create(
      sys,
      CreateHouseholdBody.parse({
        estateId: estate.id,
        roomId: estate.roomIds[roomIndex],
        occupancy: 'owner_occupied',
        careFlags,
      }),
    );
  const plainHousehold = (await household(0, [])).id;
  const careHousehold = (await household(1, ['elderly_alone', 'small_children'])).id;

  const rows = await db
    .selectFrom('service_catalog')
    .select(['id', 'code'])
    .where('estate_id', '=', estate.id)
    .execute();
  const catalog = Object.fromEntries(rows.map((r) => [r.code, r.id]));

  return {
    app,
    database,
    clock,
    service,
    estate,
    other,
    ids,
    cookie,
    plainHousehold,
    careHousehold,
    catalog,
    call: (who, opts) => call(who, opts),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
