import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, CARE_FLAGS } from '../../../contract/households.js';
import { type Database, openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrator.js';
import type { DB } from '../../db/schema.js';
import { verifyPassword } from '../auth/password.js';
import { type DemoSummary, isDatabaseEmpty, loadBulkHouseholds, seedDemo } from './index.js';

const PASSWORD = 'Demo-garden-2026';
const NOW = new Date('2026-11-27T02:00:00.000Z');
const DEMO_ROLES: Record<string, string> = {
  admin: 'admin',
  manager: 'manager',
  butler: 'butler',
  culture: 'culture',
  guard: 'guard',
  squad: 'squad_leader',
  tech: 'technician',
  cleaner: 'cleaner',
  supervisor: 'env_supervisor',
};

async function openSqlite(): Promise<Database> {
  const d = openDatabase(':memory:', '/tmp');
  await migrateToLatest(d.db);
  return d;
}

/**
 * A private database next to the one of TEST_DATABASE_URL, dropped on close. (A private schema is
 * not enough: Kysely's migrator looks for its tables in every schema, so migration tables left in
 * `public` make it skip creating them in ours.)
 */
async function openPostgres(): Promise<Database> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `demo_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  const d = openDatabase(url.toString(), '/tmp', { poolSize: 5 });
  try {
    await migrateToLatest(d.db);
  } catch (e) {
    await d.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    throw e;
  }
  return {
    ...d,
    async close() {
      await d.close();
      // pg's pool.end() can resolve while a backend is still closing: wait for it to be gone, so
      // that the forced drop does not terminate a live client (an uncaught error in vitest).
      for (let i = 0; i < 50; i++) {
        const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
          name,
        ]);
        if (r.rows[0].n === 0) break;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const engines: { name: string; open: () => Promise<Database> }[] = [{ name: 'sqlite', open: openSqlite }];
if (process.env.TEST_DATABASE_URL) engines.push({ name: 'postgres', open: openPostgres });

/** JSON columns come back parsed from PostgreSQL and as text from SQLite. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

describe.each(engines)('demo generator on $name', ({ open }) => {
  let d: Database;
  let db: Kysely<DB>;
  let emptyBefore: boolean;
  let summary: DemoSummary;
  let seedMs: number;

  beforeAll(async () => {
    d = await open();
    db = d.db;
    emptyBefore = await isDatabaseEmpty(db);
    const t0 = performance.now();
    summary = await seedDemo(db, { password: PASSWORD, now: NOW, seed: 42 });
    seedMs = performance.now() - t0;
  }, 60_000);

  afterAll(async () => {
    await d?.close();
  });

  async function estateId(code: string): Promise<string> {
    return (await db.selectFrom('estates').select('id').where('code', '=', code).executeTakeFirstOrThrow())
      .id;
  }

  it('seeds two Beijing estates with about 1,000 archives each, quickly', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
    expect(seedMs).toBeLessThan(15_000);
    expect(summary).toMatchObject({ estates: 2, households: 2000 });
    expect(summary.demoUsernames.sort()).toEqual(Object.keys(DEMO_ROLES).sort());

    const estates = await db.selectFrom('estates').selectAll().orderBy('code').execute();
    expect(estates.map((e) => [e.code, e.name, e.city, e.time_zone])).toEqual([
      ['jinxiu', '锦绣家园', '北京', 'Asia/Shanghai'],
      ['lvyuan', '绿苑小区', '北京', 'Asia/Shanghai'],
    ]);
    for (const e of estates) {
      expect(e.name_en).toBeTruthy();
      expect(e.address).toContain('北京市');
      const [{ n: households }] = await db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('estate_id', '=', e.id)
        .execute();
      const [{ n: rooms }] = await db
        .selectFrom('rooms')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('estate_id', '=', e.id)
        .execute();
      expect(Number(households)).toBe(1000);
      // Some rooms have no archive yet, but only a few.
      expect(Number(rooms)).toBeGreaterThan(1000);
      expect(Number(rooms)).toBeLessThan(1150);
    }
    const [{ n: members }] = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute();
    expect(Number(members)).toBe(summary.members);
  });

  it('creates the nine demo accounts, whose argon2id hash verifies the password', async () => {
    const lvyuan = await estateId('lvyuan');
    const jinxiu = await estateId('jinxiu');
    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'username', 'role', 'password_hash', 'status', 'display_name'])
      .where('username', 'in', Object.keys(DEMO_ROLES))
      .execute();
    expect(accounts).toHaveLength(9);
    for (const a of accounts) {
      expect(a.role).toBe(DEMO_ROLES[a.username!]);
      expect(a.status).toBe('active');
      expect(a.display_name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(a.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(a.password_hash!, PASSWORD)).toBe(true);
      const estates = await db
        .selectFrom('staff_assignments')
        .select(['estate_id', 'team_id'])
        .where('account_id', '=', a.id)
        .execute();
      expect(estates.map((s) => s.estate_id).sort()).toEqual(
        a.username === 'admin' ? [lvyuan, jinxiu].sort() : [lvyuan],
      );
      expect(estates.every((s) => s.team_id)).toBe(true);
    }
    expect(await verifyPassword(accounts[0].password_hash!, 'wrong-password')).toBe(false);

    // Other staff cannot log in.
    const others = await db
      .selectFrom('accounts')
      .select(['password_hash', 'phone'])
      .where('username', 'not in', Object.keys(DEMO_ROLES))
      .execute();
    expect(others.length).toBe(summary.accounts - 9);
    expect(others.every((a) => a.password_hash === null && /^1[358]\d{9}$/.test(a.phone ?? ''))).toBe(true);
  });

  it('staffs every estate: five teams, entrances, posts, 25–36 people, butlers for every building', async () => {
    for (const code of ['lvyuan', 'jinxiu']) {
      const id = await estateId(code);
      const teams = await db.selectFrom('teams').select('code').where('estate_id', '=', id).execute();
      expect(teams.map((t) => t.code).sort()).toEqual([
        'environment',
        'management',
        'security',
        'service',
        'technical',
      ]);
      const entrances = await db.selectFrom('entrances').selectAll().where('estate_id', '=', id).execute();
      expect(entrances.map((e) => e.name).sort()).toEqual(['东侧门', '北门', '南门', '地库车行入口'].sort());
      expect(
        entrances
          .filter((e) => e.is_main === 1)
          .map((e) => e.name)
          .sort(),
      ).toEqual(['北门', '南门']);
      expect(new Set(entrances.map((e) => e.board_token)).size).toBe(4);
      const posts = await db.selectFrom('posts').selectAll().where('estate_id', '=', id).execute();
      expect(posts.find((p) => p.name === '南门岗')?.entrance_id).toBe(
        entrances.find((e) => e.name === '南门')?.id,
      );
      const staff = await db
        .selectFrom('staff_assignments')
        .select(['position'])
        .where('estate_id', '=', id)
        .execute();
      expect(staff.length).toBeGreaterThanOrEqual(25);
      expect(staff.length).toBeLessThanOrEqual(36);
      for (const position of [
        '项目经理',
        '楼栋管家',
        '安全员',
        '班长',
        '水电工',
        '保洁员',
        '绿化员',
        '环境主管',
      ]) {
        expect(staff.some((s) => s.position === position)).toBe(true);
      }
      const buildings = await db.selectFrom('buildings').select('id').where('estate_id', '=', id).execute();
      const covered = await db
        .selectFrom('butler_buildings')
        .select('building_id')
        .where('estate_id', '=', id)
        .execute();
      expect(new Set(covered.map((c) => c.building_id))).toEqual(new Set(buildings.map((b) => b.id)));
    }
  });

  it('makes the demo butler responsible for buildings 1–3 of the first estate', async () => {
    const rows = await db
      .selectFrom('butler_buildings as bb')
      .innerJoin('accounts as a', 'a.id', 'bb.account_id')
      .innerJoin('buildings as b', (j) =>
        j.onRef('b.estate_id', '=', 'bb.estate_id').onRef('b.id', '=', 'bb.building_id'),
      )
      .innerJoin('estates as e', 'e.id', 'bb.estate_id')
      .select(['b.code', 'b.name', 'e.code as estate'])
      .where('a.username', '=', 'butler')
      .execute();
    expect(rows.map((r) => r.estate)).toEqual(['lvyuan', 'lvyuan', 'lvyuan']);
    expect(rows.map((r) => r.name).sort()).toEqual(['1栋', '2栋', '3栋']);
  });

  it('gives every archive one primary member whose name is primary_name, and the right member_count', async () => {
    const households = await db
      .selectFrom('households')
      .select(['id', 'primary_name', 'member_count'])
      .execute();
    const members = await db
      .selectFrom('members')
      .select(['household_id', 'name', 'is_primary', 'sort', 'relation', 'role'])
      .execute();
    const byHousehold = new Map<string, typeof members>();
    for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
    for (const h of households) {
      const ms = byHousehold.get(h.id) ?? [];
      expect(ms.length).toBeGreaterThanOrEqual(1);
      expect(ms.length).toBeLessThanOrEqual(5);
      expect(h.member_count).toBe(ms.length);
      const primaries = ms.filter((m) => m.is_primary === 1);
      expect(primaries).toHaveLength(1);
      expect(primaries[0].name).toBe(h.primary_name);
      expect(primaries[0].sort).toBe(0);
    }
    expect(members.every((m) => /^[\u4e00-\u9fa5]{2,5}$/.test(m.name))).toBe(true);
    expect(members.every((m) => ['owner', 'tenant', 'family'].includes(m.role))).toBe(true);
  });

  it('uses canonical, unique room codes that match the building, unit and room', async () => {
    const rows = await db
      .selectFrom('rooms as r')
      .innerJoin('units as u', (j) =>
        j.onRef('u.estate_id', '=', 'r.estate_id').onRef('u.id', '=', 'r.unit_id'),
      )
      .innerJoin('buildings as b', (j) =>
        j.onRef('b.estate_id', '=', 'r.estate_id').onRef('b.id', '=', 'r.building_id'),
      )
      .select([
        'r.estate_id',
        'r.room_code',
        'r.number',
        'r.floor',
        'b.code as b',
        'b.name as bName',
        'u.code as u',
        'u.name as uName',
      ])
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.room_code).toMatch(/^\d+-\d+-\d{3,4}$/);
      expect(r.room_code).toBe(`${r.b}-${r.u}-${r.number}`);
      expect(r.bName).toBe(`${r.b}栋`);
      expect(r.uName).toBe(`${r.u}单元`);
      expect(r.floor).toBe(Math.floor(Number(r.number) / 100));
      const key = `${r.estate_id}/${r.room_code}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const mismatched = await db
      .selectFrom('households as h')
      .innerJoin('rooms as r', (j) =>
        j.onRef('r.estate_id', '=', 'h.estate_id').onRef('r.id', '=', 'h.room_id'),
      )
      .select('h.id')
      .where((eb) =>
        eb.or([
          eb('h.room_code', '!=', eb.ref('r.room_code')),
          eb('h.building_id', '!=', eb.ref('r.building_id')),
        ]),
      )
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('writes plausible, unique mobile numbers with their last four digits', async () => {
    const members = await db
      .selectFrom('members')
      .select(['estate_id', 'phone', 'phone_suffix', 'is_primary'])
      .execute();
    const seen = new Set<string>();
    for (const m of members) {
      if (m.is_primary === 1) expect(m.phone).not.toBeNull();
      if (m.phone === null) {
        expect(m.phone_suffix).toBeNull();
        continue;
      }
      expect(m.phone).toMatch(/^1[358]\d{9}$/);
      expect(m.phone_suffix).toBe(m.phone.slice(-4));
      const key = `${m.estate_id}/${m.phone}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('records no child under 14, no sensitive facts and no consents', async () => {
    const bands = await db.selectFrom('members').select('age_band').distinct().execute();
    expect(bands.map((b) => b.age_band)).not.toContain('under14');
    expect(bands.every((b) => (AGE_BANDS as readonly (string | null)[]).includes(b.age_band))).toBe(true);
    expect(await db.selectFrom('sensitive_facts').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('consents').select('id').execute()).toEqual([]);
  });

  it('gives realistic archives: occupancy mix, care flags, hobbies, tags', async () => {
    const rows = await db
      .selectFrom('households')
      .select(['occupancy', 'care_flags', 'hobbies', 'skills', 'tags', 'family_structure'])
      .execute();
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
    expect(count((r) => r.occupancy === 'owner_occupied')).toBeGreaterThan(0.6);
    expect(count((r) => r.occupancy === 'rented')).toBeGreaterThan(0.1);
    expect(count((r) => r.occupancy === 'vacant')).toBeGreaterThan(0.02);
    const flags = rows.map((r) => json<string[]>(r.care_flags));
    expect(flags.flat().every((f) => (CARE_FLAGS as readonly string[]).includes(f))).toBe(true);
    const alone = flags.filter((f) => f.includes('elderly_alone')).length / rows.length;
    expect(alone).toBeGreaterThan(0.02);
    expect(alone).toBeLessThan(0.07);
    expect(count((r) => json<string[]>(r.hobbies).length > 0)).toBeGreaterThan(0.5);
    expect(count((r) => json<string[]>(r.skills).length > 0)).toBeGreaterThan(0.15);
    expect(count((r) => r.family_structure === '独居老人')).toBeCloseTo(alone, 5);
    const tags = await db.selectFrom('household_tags').select(['household_id', 'tag']).execute();
    expect(tags.length).toBe(rows.reduce((n, r) => n + json<string[]>(r.tags).length, 0));
  });

  it('registers pets and cars with unique Beijing plates and their restriction digit', async () => {
    const vehicles = await db
      .selectFrom('vehicles')
      .select(['estate_id', 'plate', 'tail_digit', 'restriction_reminder'])
      .execute();
    expect(vehicles.length).toBeGreaterThan(500);
    const seen = new Set<string>();
    for (const v of vehicles) {
      expect(v.plate).toMatch(/^京[A-Z][A-Z0-9]{5,6}$/);
      expect(v.plate).not.toMatch(/[IO]/);
      expect(v.tail_digit).toBe(/\d$/.test(v.plate) ? Number(v.plate.slice(-1)) : 0);
      expect([0, 1]).toContain(v.restriction_reminder);
      expect(seen.has(`${v.estate_id}/${v.plate}`)).toBe(false);
      seen.add(`${v.estate_id}/${v.plate}`);
    }
    expect(vehicles.some((v) => /[A-Z]$/.test(v.plate))).toBe(true);
    const pets = await db.selectFrom('pets').select(['kind', 'size', 'vaccinated_until']).execute();
    const dogs = pets.filter((p) => p.kind === 'dog');
    expect(dogs.length).toBeGreaterThan(100);
    expect(dogs.every((p) => ['small', 'medium', 'large'].includes(p.size ?? ''))).toBe(true);
    expect(
      dogs.some((p) => p.vaccinated_until !== null && /^\d{4}-\d{2}-\d{2}$/.test(p.vaccinated_until)),
    ).toBe(true);
    expect(pets.some((p) => p.kind === 'cat')).toBe(true);
  });

  it('refuses to seed the demo twice', async () => {
    await expect(seedDemo(db, { password: PASSWORD, now: NOW })).rejects.toThrow(/already exist/);
  });

  it('bulk-loads households for benchmarks, reusing the estate on a second call', async () => {
    const { estateId: id } = await loadBulkHouseholds(db, {
      estateCode: 'bench',
      households: 1000,
      now: NOW,
      seed: 3,
    });
    const again = await loadBulkHouseholds(db, { estateCode: 'bench', households: 1000, now: NOW, seed: 4 });
    expect(again.estateId).toBe(id);
    const households = await db
      .selectFrom('households')
      .select(['id', 'room_code', 'member_count', 'primary_name'])
      .where('estate_id', '=', id)
      .execute();
    expect(households).toHaveLength(2000);
    expect(new Set(households.map((h) => h.room_code)).size).toBe(2000);
    const members = await db
      .selectFrom('members')
      .select(['household_id', 'name', 'is_primary'])
      .where('estate_id', '=', id)
      .execute();
    const perHousehold = new Map<string, number>();
    for (const m of members) perHousehold.set(m.household_id, (perHousehold.get(m.household_id) ?? 0) + 1);
    for (const h of households) {
      const n = perHousehold.get(h.id) ?? 0;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
      expect(h.member_count).toBe(n);
    }
    expect(members.filter((m) => m.is_primary === 1)).toHaveLength(2000);
  });
});

describe('demo generator determinism', () => {
  async function firstNames(seed: number): Promise<string[]> {
    const d = await openSqlite();
    try {
      await seedDemo(d.db, { password: PASSWORD, now: NOW, seed, estates: 1, householdsPerEstate: 80 });
      const rows = await d.db
        .selectFrom('households')
        .select('primary_name')
        .orderBy('room_sort')
        .limit(20)
        .execute();
      return rows.map((r) => r.primary_name!);
    } finally {
      await d.close();
    }
  }

  it('gives the same names for the same seed, and other names for another seed', async () => {
    const a = await firstNames(7);
    const b = await firstNames(7);
    const c = await firstNames(8);
    expect(a).toHaveLength(20);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
