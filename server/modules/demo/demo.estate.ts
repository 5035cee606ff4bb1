import type { Insertable, Kysely } from 'kysely';
import type { TeamCode } from '../../../contract/estates.js';
import type { DB } from '../../db/schema.js';
import { newId, newToken } from '../../lib/ids.js';
import { makeFamily } from './demo.family.js';
import { addPetsAndVehicles, householdRows } from './demo.households.js';
import { insertRows } from './demo.insert.js';
import type { Gender, Weighted } from './demo.names.js';
import { mobile, personName, type Rng } from './demo.random.js';
import { accountRow, DEMO_ACCOUNTS, pinyinUsername, staffRoster } from './demo.staff.js';
import { DEMO_ESTATES } from './demo.vocabulary.js';

// One demo estate: buildings → units → rooms, archives in most rooms, entrances, teams, posts,
// staff (with butlers' buildings), all written in one transaction.

export const TIME_ZONE = 'Asia/Shanghai';
export const CITY = '北京';

const TEAMS: readonly { code: TeamCode; name: string; nameEn: string }[] = [
  { code: 'security', name: '安全组', nameEn: 'Security' },
  { code: 'service', name: '客服组', nameEn: 'Customer service' },
  { code: 'environment', name: '环境绿化组', nameEn: 'Environment & greening' },
  { code: 'technical', name: '技术组', nameEn: 'Technical' },
  { code: 'management', name: '管理', nameEn: 'Management' },
];

const ENTRANCES = [
  { key: 'south', name: '南门', kind: 'pedestrian', isMain: 1 },
  { key: 'north', name: '北门', kind: 'pedestrian', isMain: 1 },
  { key: 'east', name: '东侧门', kind: 'pedestrian', isMain: 0 },
  { key: 'garage', name: '地库车行入口', kind: 'vehicle', isMain: 0 },
] as const;

const POSTS: readonly { name: string; team: TeamCode; entrance?: string; shift: string }[] = [
  { name: '南门岗', team: 'security', entrance: 'south', shift: '07:00-19:00' },
  { name: '北门岗', team: 'security', entrance: 'north', shift: '07:00-19:00' },
  { name: '东侧门岗', team: 'security', entrance: 'east', shift: '07:00-22:00' },
  { name: '地库岗', team: 'security', entrance: 'garage', shift: '07:00-19:00' },
  { name: '监控中心', team: 'security', shift: '00:00-24:00' },
  { name: '巡逻岗', team: 'security', shift: '08:00-20:00' },
  { name: '客服前台', team: 'service', shift: '08:30-17:30' },
  { name: '维修值班室', team: 'technical', shift: '08:00-20:00' },
  { name: '保洁班', team: 'environment', shift: '06:30-15:00' },
  { name: '绿化班', team: 'environment', shift: '07:00-16:00' },
];

const FLOORS: Weighted<number> = [
  [6, 3],
  [11, 2],
  [12, 1],
  [16, 1],
  [18, 3],
];

export interface SeedState {
  rng: Rng;
  now: Date;
  nowIso: string;
  phones: Set<string>;
  usernames: Set<string>;
  passwordHash: string;
  demoIds: Map<string, string>;
}

export async function seedEstate(
  db: Kysely<DB>,
  state: SeedState,
  index: number,
  households: number,
): Promise<{ households: number; members: number; accounts: number }> {
  const { rng, nowIso } = state;
  const template = DEMO_ESTATES[index] ?? {
    code: `estate${index + 1}`,
    name: `示范小区${index + 1}号`,
    nameEn: `Demo Estate ${index + 1}`,
    address: `北京市通州区示范路${index + 1}号`,
    builtYear: 2010,
  };
  const estateId = newId();
  const rows = {
    buildings: [] as Insertable<DB['buildings']>[],
    units: [] as Insertable<DB['units']>[],
    rooms: [] as Insertable<DB['rooms']>[],
    households: [] as Insertable<DB['households']>[],
    members: [] as Insertable<DB['members']>[],
    tags: [] as Insertable<DB['household_tags']>[],
    pets: [] as Insertable<DB['pets']>[],
    vehicles: [] as Insertable<DB['vehicles']>[],
    accounts: [] as Insertable<DB['accounts']>[],
    staff: [] as Insertable<DB['staff_assignments']>[],
    butlerBuildings: [] as Insertable<DB['butler_buildings']>[],
  };

  // Buildings → units → rooms, until ~5% more rooms than archives (some homes are not on file yet).
  const roomsNeeded = Math.ceil(households / 0.95);
  const roomList: { id: string; buildingId: string; code: string }[] = [];
  for (let b = 1; roomList.length < roomsNeeded || b === 1; b++) {
    const buildingId = newId();
    const floors = rng.weighted(FLOORS);
    const unitCount = floors <= 6 ? rng.int(2, 4) : rng.int(2, 3);
    const areas = [Math.round(rng.int(6000, 9500)) / 100, Math.round(rng.int(8500, 14000)) / 100];
    rows.buildings.push({
      estate_id: estateId,
      id: buildingId,
      code: String(b),
      name: `${b}栋`,
      floors,
      sort: b,
    });
    for (let u = 1; u <= unitCount; u++) {
      const unitId = newId();
      rows.units.push({
        estate_id: estateId,
        id: unitId,
        building_id: buildingId,
        code: String(u),
        name: `${u}单元`,
      });
      for (let floor = 1; floor <= floors; floor++) {
        for (let pos = 1; pos <= 2; pos++) {
          const number = `${floor}${String(pos).padStart(2, '0')}`;
          const id = newId();
          const roomCode = `${b}-${u}-${number}`;
          rows.rooms.push({
            estate_id: estateId,
            id,
            building_id: buildingId,
            unit_id: unitId,
            number,
            floor,
            area_m2: areas[pos - 1],
            room_code: roomCode,
          });
          roomList.push({ id, buildingId, code: roomCode });
        }
      }
    }
  }

  // Archives: every room but a random few.
  const withoutArchive = new Set(
    rng.sample(
      roomList.map((_, i) => i),
      Math.max(0, roomList.length - households),
    ),
  );
  const plates = new Set<string>();
  for (let i = 0; i < roomList.length; i++) {
    if (withoutArchive.has(i)) continue;
    const room = roomList[i];
    const fam = makeFamily(rng);
    const { household, members, tags } = householdRows(rng, fam, {
      estateId,
      roomId: room.id,
      buildingId: room.buildingId,
      roomCode: room.code,
      now: state.now,
      nowIso,
      builtYear: template.builtYear,
      phones: state.phones,
    });
    rows.households.push(household);
    rows.members.push(...members);
    rows.tags.push(...tags);
    if (fam.occupancy === 'owner_occupied' || fam.occupancy === 'rented') {
      addPetsAndVehicles(rng, state.now, estateId, household.id, plates, rows);
    }
  }

  // Entrances, teams and posts.
  const entranceIds = new Map<string, string>();
  const entrances = ENTRANCES.map((e) => {
    const id = newId();
    entranceIds.set(e.key, id);
    return {
      estate_id: estateId,
      id,
      name: e.name,
      kind: e.kind,
      is_main: e.isMain,
      board_token: newToken(),
    };
  });
  const teamIds = new Map<TeamCode, string>();
  const teams = TEAMS.map((t) => {
    const id = newId();
    teamIds.set(t.code, id);
    return { estate_id: estateId, id, code: t.code, name: t.name, name_en: t.nameEn };
  });
  const posts = POSTS.map((p) => ({
    estate_id: estateId,
    id: newId(),
    name: p.name,
    team_id: teamIds.get(p.team)!,
    entrance_id: p.entrance ? entranceIds.get(p.entrance)! : null,
    shift: p.shift,
  }));

  // Butlers: the demo butler has buildings 1–3 of the first estate; the others 2–3 buildings each.
  const buildingIds = rows.buildings.map((b) => b.id);
  const butlerGroups: string[][] = [];
  let next = 0;
  if (index === 0) {
    butlerGroups.push(buildingIds.slice(0, 3));
    next = 3;
  }
  while (next < buildingIds.length) {
    const left = buildingIds.length - next;
    const size = left <= 3 ? left : left === 4 ? 2 : rng.int(2, 3);
    butlerGroups.push(buildingIds.slice(next, next + size));
    next += size;
  }

  // Staff: demo accounts take their slot in the first estate; everyone else cannot log in.
  let butlerNo = 0;
  for (const slot of staffRoster(Math.max(1, butlerGroups.length))) {
    let accountId: string;
    if (index === 0 && slot.demo) {
      accountId = state.demoIds.get(slot.demo)!;
    } else {
      const gender: Gender = rng.chance(slot.femaleRate) ? 'female' : 'male';
      const person = personName(rng, gender, rng.chance(slot.youngRate) ? 'young' : 'middle');
      const account = accountRow(state, {
        username: pinyinUsername(person.pinyin, state.usernames),
        phone: mobile(rng, state.phones),
        displayName: person.name,
        role: slot.role,
        passwordHash: null,
      });
      rows.accounts.push(account);
      accountId = account.id;
    }
    rows.staff.push({
      estate_id: estateId,
      account_id: accountId,
      team_id: teamIds.get(slot.team)!,
      position: slot.position,
      skills: slot.skills ? JSON.stringify(slot.skills) : null,
      created_at: nowIso,
    });
    if (slot.role === 'butler') {
      for (const buildingId of butlerGroups[butlerNo++] ?? []) {
        rows.butlerBuildings.push({ estate_id: estateId, building_id: buildingId, account_id: accountId });
      }
    }
  }
  // The admin works everywhere.
  rows.staff.push({
    estate_id: estateId,
    account_id: state.demoIds.get('admin')!,
    team_id: teamIds.get('management')!,
    position: '系统管理员',
    skills: null,
    created_at: nowIso,
  });

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('estates')
      .values({
        id: estateId,
        code: template.code,
        name: template.name,
        name_en: template.nameEn,
        city: CITY,
        time_zone: TIME_ZONE,
        address: template.address,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
        created_by: null,
      })
      .execute();
    if (index === 0) {
      await insertRows(
        trx,
        'accounts',
        DEMO_ACCOUNTS.map((a) => {
          const row = accountRow(state, {
            username: a.username,
            phone: mobile(rng, state.phones),
            displayName: a.displayName,
            role: a.role,
            passwordHash: state.passwordHash,
          });
          row.id = state.demoIds.get(a.username)!;
          return row;
        }),
      );
    }
    await insertRows(trx, 'buildings', rows.buildings);
    await insertRows(trx, 'units', rows.units);
    await insertRows(trx, 'rooms', rows.rooms);
    await insertRows(trx, 'entrances', entrances);
    await insertRows(trx, 'teams', teams);
    await insertRows(trx, 'posts', posts);
    await insertRows(trx, 'accounts', rows.accounts);
    await insertRows(trx, 'staff_assignments', rows.staff);
    await insertRows(trx, 'butler_buildings', rows.butlerBuildings);
    await insertRows(trx, 'households', rows.households);
    await insertRows(trx, 'members', rows.members);
    await insertRows(trx, 'household_tags', rows.tags);
    await insertRows(trx, 'pets', rows.pets);
    await insertRows(trx, 'vehicles', rows.vehicles);
  });

  return {
    households: rows.households.length,
    members: rows.members.length,
    accounts: rows.accounts.length + (index === 0 ? DEMO_ACCOUNTS.length : 0),
  };
}
