import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Bulk reads and writes of the import/export. Every function takes `db` (a Kysely or a Transaction). */

/** IN-lists and multi-row inserts are cut into chunks that stay under SQLite's 32,766 and pg's 65,535 parameters. */
const IN_CHUNK = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function findEstate(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('estates')
    .select(['id', 'code', 'name', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listRooms(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('rooms')
    .select(['id', 'building_id', 'room_code'])
    .where('estate_id', '=', estateId)
    .execute();
}

export async function householdsByRoomIds(db: Kysely<DB>, estateId: string, roomIds: string[]) {
  const out = [];
  for (const part of chunks(roomIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('households')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('room_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function householdsByIds(db: Kysely<DB>, estateId: string, ids: string[]) {
  const out = [];
  for (const part of chunks(ids, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('households')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function membersOf(db: Kysely<DB>, estateId: string, householdIds: string[]) {
  const out = [];
  for (const part of chunks(householdIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('members')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('household_id', 'in', part)
        .orderBy('household_id')
        .orderBy('sort')
        .execute()),
    );
  }
  return out;
}

export async function vehiclesOf(db: Kysely<DB>, estateId: string, householdIds: string[]) {
  const out = [];
  for (const part of chunks(householdIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('vehicles')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('household_id', 'in', part)
        .orderBy('household_id')
        .orderBy('id')
        .execute()),
    );
  }
  return out;
}

/** Who holds these plates in the estate now (with the room, for the message). */
export async function plateOwners(db: Kysely<DB>, estateId: string, plates: string[]) {
  const out = [];
  for (const part of chunks(plates, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('vehicles')
        .innerJoin('households', (j) =>
          j
            .onRef('households.estate_id', '=', 'vehicles.estate_id')
            .onRef('households.id', '=', 'vehicles.household_id'),
        )
        .select(['vehicles.plate', 'vehicles.household_id', 'households.room_code'])
        .where('vehicles.estate_id', '=', estateId)
        .where('vehicles.plate', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Rooms among these that have an archive now. */
export async function roomsWithHousehold(db: Kysely<DB>, estateId: string, roomIds: string[]) {
  const out: string[] = [];
  for (const part of chunks(roomIds, IN_CHUNK)) {
    const rows = await db
      .selectFrom('households')
      .select('room_id')
      .where('estate_id', '=', estateId)
      .where('room_id', 'in', part)
      .execute();
    out.push(...rows.map((r) => r.room_id));
  }
  return out;
}

type PartTable = 'members' | 'vehicles' | 'household_tags';

/** Deletes the members, vehicles or tags of these households. */
export async function deleteParts(
  db: Kysely<DB>,
  table: PartTable,
  estateId: string,
  householdIds: string[],
) {
  for (const part of chunks(householdIds, IN_CHUNK)) {
    await db.deleteFrom(table).where('estate_id', '=', estateId).where('household_id', 'in', part).execute();
  }
}

type InsertTable = 'households' | 'members' | 'vehicles' | 'household_tags' | 'household_changes';

/** Multi-row inserts, chunked by the number of columns. */
export async function insertMany(db: Kysely<DB>, table: InsertTable, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(10_000 / Object.keys(rows[0]!).length));
  for (const part of chunks(rows, size))
    await db
      .insertInto(table)
      .values(part as any)
      .execute();
}

// ------------------------------------------------------------------ estate structure (createRooms)

export function listBuildings(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('buildings').select(['id', 'code']).where('estate_id', '=', estateId).execute();
}

export function listUnits(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'building_id', 'code'])
    .where('estate_id', '=', estateId)
    .execute();
}

export async function buildingsByCodes(db: Kysely<DB>, estateId: string, codes: string[]) {
  const out = [];
  for (const part of chunks(codes, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('buildings')
        .select(['id', 'code'])
        .where('estate_id', '=', estateId)
        .where('code', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function unitsOfBuildings(db: Kysely<DB>, estateId: string, buildingIds: string[]) {
  const out = [];
  for (const part of chunks(buildingIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('units')
        .select(['id', 'building_id', 'code'])
        .where('estate_id', '=', estateId)
        .where('building_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function roomsByCodes(db: Kysely<DB>, estateId: string, roomCodes: string[]) {
  const out = [];
  for (const part of chunks(roomCodes, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('rooms')
        .select(['id', 'building_id', 'room_code'])
        .where('estate_id', '=', estateId)
        .where('room_code', 'in', part)
        .execute()),
    );
  }
  return out;
}

type StructureTable = 'buildings' | 'units' | 'rooms';

/**
 * Multi-row inserts that skip rows whose code another writer inserted meanwhile (ON CONFLICT DO
 * NOTHING, on both engines); returns how many rows were inserted.
 */
export async function insertMissing(db: Kysely<DB>, table: StructureTable, rows: Record<string, unknown>[]) {
  if (!rows.length) return 0;
  const size = Math.max(1, Math.floor(10_000 / Object.keys(rows[0]!).length));
  let inserted = 0;
  for (const part of chunks(rows, size)) {
    const r = await db
      .insertInto(table)
      .values(part as any)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    inserted += r.length;
  }
  return inserted;
}
