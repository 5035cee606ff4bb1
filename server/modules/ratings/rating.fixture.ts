import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { CreateHouseholdBody } from '../../../contract/households.js';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import type { Database } from '../../db/database.js';
import type { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import { createRatingService, type RatingDeps, type RatingService } from './rating.service.js';

/** The app of `buildTestApp` (fresh DB, fixed clock) with an estate, its staff logged in, a household. */
export interface RatingFixture {
  app: FastifyInstance;
  database: Database;
  clock: FixedClock;
  ratings: RatingService;
  estate: TestEstate;
  /** Account ids by username. */
  ids: Record<string, string>;
  plainHousehold: string;
  /** Catalog entry ids of the estate by code. */
  catalog: Record<string, string>;
  /** A call as a logged-in user (re-logs in when a session went idle as the clock moves), or anonymous. */
  call(who: string | undefined, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** A guard takes a request, the technical team accepts and completes it; the completion hook runs. */
  completedRequest(catalogCode?: string, taker?: string, worker?: string): Promise<string>;
  close(): Promise<void>;
}

/** username, role, team */
const STAFF = [
  ['guard', 'guard', 'security'],
  ['squad', 'squad_leader', 'technical'],
  ['mgr', 'manager', 'management'],
  ['zhang_tech', 'technician', 'technical'],
  ['cleaner', 'cleaner', 'environment'],
] as const;

export async function buildRatingFixture(
  opts: Partial<Pick<RatingDeps, 'fontPath'>> = {},
): Promise<RatingFixture> {
  const t = await buildTestApp();
  const { app, database, clock, c: container } = t;
  const { db } = database;
  const ratings = opts.fontPath
    ? createRatingService({ db, clock, audit: container.audit, ...opts })
    : container.ratings;

  const estate = await createEstate(db, 'lvyuan');
  await seedDefaultCatalog(db, estate.id, clock.now());
  const ids: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  async function login(username: string) {
    cookie[username] = await t.login(username);
  }
  async function call(
    who: string | undefined,
    o: InjectOptions,
    retry = true,
  ): Promise<LightMyRequestResponse> {
    const r = await t.call(who ? cookie[who] : undefined, o);
    if (who && retry && r.statusCode === 401) {
      await login(who);
      return call(who, o, false);
    }
    return r;
  }
  for (const [username, role, team] of STAFF) {
    ids[username] = await createStaff(db, username, role, [estate], team);
    await login(username);
  }
  const plainHousehold = (
    await container.households.create(
      systemActor([estate.id]),
      CreateHouseholdBody.parse({
        estateId: estate.id,
        roomId: estate.roomIds[0],
        occupancy: 'owner_occupied',
      }),
    )
  ).id;
  const rows = await db
    .selectFrom('service_catalog')
    .select(['id', 'code'])
    .where('estate_id', '=', estate.id)
    .execute();
  const catalog = Object.fromEntries(rows.map((r) => [r.code, r.id]));

  async function completedRequest(
    catalogCode = 'T8.faucet',
    taker = 'guard',
    worker = 'zhang_tech',
  ): Promise<string> {
    const c = await call(taker, {
      method: 'POST',
      url: '/api/service-requests',
      payload: {
        estateId: estate.id,
        householdId: plainHousehold,
        catalogId: catalog[catalogCode],
        channel: 'on_site',
        description: '厨房水龙头漏水',
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const a = await call(worker, { method: 'POST', url: `/api/service-requests/${id}/accept` });
    expect(a.statusCode, a.body).toBe(200);
    const done = await call(worker, {
      method: 'POST',
      url: `/api/service-requests/${id}/complete`,
      payload: { minutesSpent: 20, notes: '更换了阀芯' },
    });
    expect(done.statusCode, done.body).toBe(200);
    // What the lead wires into the completion path of service requests.
    await ratings.onRequestCompleted(id);
    return id;
  }

  return {
    app,
    database,
    clock,
    ratings,
    estate,
    ids,
    plainHousehold,
    catalog,
    call: (who, o) => call(who, o),
    completedRequest,
    close: () => t.close(),
  };
}
