import type { Kysely } from 'kysely';
import type { Role } from '../../contract/auth.js';
import type { DB } from '../../server/db/schema.js';
import { newId, newToken } from '../../server/lib/ids.js';
import type { Actor } from '../../server/modules/auth/index.js';
import { hashPassword } from '../../server/modules/auth/password.js';
import { roomSortKey } from '../../server/modules/households/room-notation.js';

export const TEST_PASSWORD = 'correct-horse-battery-9';
let cachedHash: Promise<string> | undefined;
/** One argon2 hash shared by every test account (hashing is deliberately slow). */
export function testPasswordHash() {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

const now = () => new Date('2026-11-27T02:00:00Z').toISOString();

export interface TestEstate {
  id: string;
  code: string;
  buildingIds: string[];
  unitIds: string[];
  roomIds: string[];
  teams: Record<string, string>;
}

/** An estate with `buildings` × 2 units × `floors` floors × 2 rooms, teams and one entrance. */
export async function createEstate(
  db: Kysely<DB>,
  code: string,
  opts: { buildings?: number; floors?: number } = {},
): Promise<TestEstate> {
  const id = newId();
  await db
    .insertInto('estates')
    .values({
      id,
      code,
      name: `${code}小区`,
      name_en: `${code} Garden`,
      city: '北京',
      time_zone: 'Asia/Shanghai',
      address: null,
      created_at: now(),
      updated_at: now(),
      created_by: null,
    })
    .execute();
  const out: TestEstate = { id, code, buildingIds: [], unitIds: [], roomIds: [], teams: {} };
  for (const [teamCode, name, nameEn] of [
    ['security', '安全组', 'Security'],
    ['service', '客服组', 'Customer service'],
    ['environment', '环境绿化组', 'Environment & greening'],
    ['technical', '技术组', 'Technical'],
    ['management', '管理', 'Management'],
  ] as const) {
    const tid = newId();
    await db
      .insertInto('teams')
      .values({ estate_id: id, id: tid, code: teamCode, name, name_en: nameEn })
      .execute();
    out.teams[teamCode] = tid;
  }
  await db
    .insertInto('entrances')
    .values({
      estate_id: id,
      id: newId(),
      name: '南门',
      kind: 'pedestrian',
      is_main: 1,
      board_token: newToken(),
    })
    .execute();
  for (let b = 1; b <= (opts.buildings ?? 2); b++) {
    const bid = newId();
    out.buildingIds.push(bid);
    await db
      .insertInto('buildings')
      .values({ estate_id: id, id: bid, code: String(b), name: `${b}栋`, floors: opts.floors ?? 3, sort: b })
      .execute();
    for (let u = 1; u <= 2; u++) {
      const uid = newId();
      out.unitIds.push(uid);
      await db
        .insertInto('units')
        .values({ estate_id: id, id: uid, building_id: bid, code: String(u), name: `${u}单元` })
        .execute();
      for (let f = 1; f <= (opts.floors ?? 3); f++) {
        for (let r = 1; r <= 2; r++) {
          const rid = newId();
          out.roomIds.push(rid);
          const number = `${f}0${r}`;
          await db
            .insertInto('rooms')
            .values({
              estate_id: id,
              id: rid,
              building_id: bid,
              unit_id: uid,
              number,
              floor: f,
              area_m2: 89.5,
              room_code: `${b}-${u}-${number}`,
            })
            .execute();
        }
      }
    }
  }
  return out;
}

/** A staff account with the test password, assigned to the given estates. */
export async function createStaff(
  db: Kysely<DB>,
  username: string,
  role: Role,
  estates: TestEstate[],
  teamCode?: string,
) {
  const id = newId();
  await db
    .insertInto('accounts')
    .values({
      id,
      username,
      phone: null,
      display_name: `${username}-name`,
      role,
      password_hash: await testPasswordHash(),
      created_at: now(),
      updated_at: now(),
      created_by: null,
    })
    .execute();
  for (const e of estates) {
    await db
      .insertInto('staff_assignments')
      .values({
        estate_id: e.id,
        account_id: id,
        team_id: teamCode ? (e.teams[teamCode] ?? null) : null,
        position: null,
        skills: '[]',
        created_at: now(),
      })
      .execute();
  }
  return id;
}

export { roomSortKey };

/** An account as the actor of a service call, working in one estate (for arranging test data). */
export async function actorOf(db: Kysely<DB>, username: string, estateId: string): Promise<Actor> {
  const a = await db
    .selectFrom('accounts')
    .select(['id', 'role', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    id: a.id,
    role: a.role as Actor['role'],
    displayName: a.display_name,
    estateIds: [estateId],
    allEstates: false,
    ip: null,
    lang: 'zh-CN',
  };
}
