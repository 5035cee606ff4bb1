import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { hashPassword } from '../auth/password.js';
import { seedDefaultLoanItems } from '../loans/index.js';
import { seedDefaultTemplates, seedDemoOptIns } from '../messaging/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import { seedDefaultTips } from '../tips/index.js';
import { type SeedState, seedEstate } from './demo.estate.js';
import { DEFAULT_SEED, Rng } from './demo.random.js';
import { seedDemoRoster } from './demo.roster.js';
import { DEMO_USERNAMES } from './demo.staff.js';
import { DEMO_ESTATES } from './demo.vocabulary.js';

// Builds realistic demo estates (and bulk data for benchmarks). Everything random comes from one
// seeded PRNG, so a seed always gives the same names, families and plates; only ids and entrance
// board tokens differ between runs (they must stay unguessable).

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  /** Password of every demo account (hashed once with argon2id). */
  password: string;
  /** "Now" of the demo: timestamps, move-in dates and vaccination dates are relative to it. */
  now: Date;
  /** PRNG seed; the same seed gives the same names, families and plates. Default 20261127. */
  seed?: number;
  /** How many estates (default 2: 绿苑小区 and 锦绣家园). */
  estates?: number;
  /** Households (archives) per estate (default 1,000); about 5% more rooms are built. */
  householdsPerEstate?: number;
}

/** What {@link seedDemo} created. */
export interface DemoSummary {
  estates: number;
  households: number;
  members: number;
  accounts: number;
  demoUsernames: string[];
}

/**
 * Seeds realistic demo estates (default: 绿苑小区 and 锦绣家园 in 北京, ~1,000 archives each) with
 * buildings, rooms, households, members, pets, vehicles, entrances, teams, posts, staff, and one
 * login per staff role (`admin`, `manager`, `butler`, `culture`, `guard`, `squad`, `tech`, `cleaner`,
 * `supervisor`) sharing `opts.password`. Each estate is written in its own transaction. Meant for an
 * empty database: throws if a demo estate code or demo username already exists.
 */
export async function seedDemo(db: Kysely<DB>, opts: SeedDemoOptions): Promise<DemoSummary> {
  const estateCount = opts.estates ?? 2;
  const perEstate = opts.householdsPerEstate ?? 1000;
  if (!Number.isInteger(estateCount) || estateCount < 1)
    throw new Error('estates must be a positive integer');
  if (!Number.isInteger(perEstate) || perEstate < 0)
    throw new Error('householdsPerEstate must be an integer ≥ 0');

  const codes = Array.from({ length: estateCount }, (_, i) => DEMO_ESTATES[i]?.code ?? `estate${i + 1}`);
  const takenEstates = await db.selectFrom('estates').select('code').where('code', 'in', codes).execute();
  if (takenEstates.length > 0) {
    throw new Error(`Demo estates already exist: ${takenEstates.map((e) => e.code).join(', ')}`);
  }
  const takenUsers = await db
    .selectFrom('accounts')
    .select('username')
    .where('username', 'in', [...DEMO_USERNAMES])
    .execute();
  if (takenUsers.length > 0) {
    throw new Error(`Demo accounts already exist: ${takenUsers.map((a) => a.username).join(', ')}`);
  }

  const state: SeedState = {
    rng: new Rng(opts.seed ?? DEFAULT_SEED),
    now: opts.now,
    nowIso: opts.now.toISOString(),
    phones: new Set(),
    usernames: new Set(DEMO_USERNAMES),
    passwordHash: await hashPassword(opts.password),
    demoIds: new Map(DEMO_USERNAMES.map((u) => [u, newId()])),
  };

  const summary: DemoSummary = {
    estates: 0,
    households: 0,
    members: 0,
    accounts: 0,
    demoUsernames: [...DEMO_USERNAMES],
  };
  for (let i = 0; i < estateCount; i++) {
    const r = await seedEstate(db, state, i, perEstate);
    summary.estates++;
    summary.households += r.households;
    summary.members += r.members;
    summary.accounts += r.accounts;
  }
  // Every estate runs on the 五步一法 plan from its first day.
  for (const e of await db.selectFrom('estates').select('id').execute()) {
    await seedDefaultPlan(db, e.id, opts.now);
    await seedDefaultCatalog(db, e.id, opts.now);
    await seedDefaultLoanItems(db, e.id, opts.now);
    await seedDemoRoster(db, e.id, opts.now);
    await seedDefaultTemplates(db, e.id, opts.now);
    await seedDefaultTips(db, e.id, opts.now);
    await seedDemoOptIns(db, e.id, opts.now);
  }
  return summary;
}

/** True when the database has no estate yet (a fresh install that may be seeded). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('estates').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
