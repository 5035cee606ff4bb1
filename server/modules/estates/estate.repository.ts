import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export function listEstates(db: Kysely<DB>, ids: string[] | 'all') {
  let q = db.selectFrom('estates').selectAll();
  if (ids !== 'all') q = q.where((eb) => (ids.length ? eb('id', 'in', ids) : sql<boolean>`1 = 0`));
  return q.orderBy('code').execute();
}

export function findEstate(db: Kysely<DB>, id: string) {
  return db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts shown on the estate overview. */
export async function estateCounts(db: Kysely<DB>, estateId: string) {
  const count = async (table: 'buildings' | 'rooms' | 'households' | 'staff_assignments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('estate_id', '=', estateId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    buildings: await count('buildings'),
    rooms: await count('rooms'),
    households: await count('households'),
    staff: await count('staff_assignments'),
  };
}

export function listBuildings(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function listUnitsWithRoomCounts(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('units')
    .leftJoin('rooms', (j) =>
      j.onRef('rooms.estate_id', '=', 'units.estate_id').onRef('rooms.unit_id', '=', 'units.id'),
    )
    .select((eb) => [
      'units.id',
      'units.building_id',
      'units.code',
      'units.name',
      eb.fn.count<number>('rooms.id').as('rooms'),
    ])
    .where('units.estate_id', '=', estateId)
    .groupBy(['units.id', 'units.building_id', 'units.code', 'units.name'])
    .orderBy('units.code')
    .execute();
}

export function householdCountsByBuilding(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('households')
    .select((eb) => ['building_id', eb.fn.countAll<number>().as('n')])
    .where('estate_id', '=', estateId)
    .groupBy('building_id')
    .execute();
}

export function listButlers(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('butler_buildings')
    .innerJoin('accounts', 'accounts.id', 'butler_buildings.account_id')
    .select(['butler_buildings.building_id', 'accounts.id', 'accounts.display_name'])
    .where('butler_buildings.estate_id', '=', estateId)
    .execute();
}

export function listRooms(db: Kysely<DB>, estateId: string, f: { buildingId?: string; unitId?: string }) {
  let q = db
    .selectFrom('rooms')
    .leftJoin('households', (j) =>
      j.onRef('households.estate_id', '=', 'rooms.estate_id').onRef('households.room_id', '=', 'rooms.id'),
    )
    .select([
      'rooms.id',
      'rooms.building_id',
      'rooms.unit_id',
      'rooms.number',
      'rooms.floor',
      'rooms.area_m2',
      'rooms.room_code',
      'households.id as household_id',
    ])
    .where('rooms.estate_id', '=', estateId);
  if (f.buildingId) q = q.where('rooms.building_id', '=', f.buildingId);
  if (f.unitId) q = q.where('rooms.unit_id', '=', f.unitId);
  return q.orderBy('rooms.room_code').limit(5000).execute();
}

export function findRoom(db: Kysely<DB>, estateId: string, roomId: string) {
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', roomId)
    .executeTakeFirst();
}

export function listEntrances(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('entrances').selectAll().where('estate_id', '=', estateId).orderBy('name').execute();
}

export function listTeams(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('teams')
    .leftJoin('staff_assignments', (j) =>
      j
        .onRef('staff_assignments.estate_id', '=', 'teams.estate_id')
        .onRef('staff_assignments.team_id', '=', 'teams.id'),
    )
    .select((eb) => [
      'teams.id',
      'teams.code',
      'teams.name',
      'teams.name_en',
      eb.fn.count<number>('staff_assignments.account_id').as('members'),
    ])
    .where('teams.estate_id', '=', estateId)
    .groupBy(['teams.id', 'teams.code', 'teams.name', 'teams.name_en'])
    .execute();
}

export function listPosts(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('posts').selectAll().where('estate_id', '=', estateId).orderBy('name').execute();
}

export function listStaff(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('staff_assignments')
    .innerJoin('accounts', 'accounts.id', 'staff_assignments.account_id')
    .leftJoin('teams', (j) =>
      j
        .onRef('teams.estate_id', '=', 'staff_assignments.estate_id')
        .onRef('teams.id', '=', 'staff_assignments.team_id'),
    )
    .select([
      'accounts.id',
      'accounts.display_name',
      'accounts.role',
      'accounts.phone',
      'accounts.status',
      'staff_assignments.team_id',
      'staff_assignments.position',
      'teams.code as team_code',
    ])
    .where('staff_assignments.estate_id', '=', estateId)
    .orderBy('teams.code')
    .orderBy('accounts.display_name')
    .execute();
}

export function listButlerBuildingCodes(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('butler_buildings')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.estate_id', '=', 'butler_buildings.estate_id')
        .onRef('buildings.id', '=', 'butler_buildings.building_id'),
    )
    .select(['butler_buildings.account_id', 'buildings.code'])
    .where('butler_buildings.estate_id', '=', estateId)
    .execute();
}

/** An estate's time zone (Asia/Shanghai when none is set); undefined when there is no such estate. */
export async function estateTimeZone(db: Kysely<DB>, estateId: string): Promise<string | undefined> {
  const r = await db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirst();
  return r ? r.time_zone || 'Asia/Shanghai' : undefined;
}
