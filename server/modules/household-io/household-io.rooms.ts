import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { parseRoomQuery, roomCode } from '../households/index.js';
import type { RowMessage } from './household-io.errors.js';
import * as repo from './household-io.repository.js';
import type { NewRoom, RoomRef } from './household-io.types.js';

/**
 * The rooms of an import: a row's room text resolved against the estate and, with `createRooms`
 * (the roster of a newly taken-over estate), the buildings, units and rooms the import creates.
 */

export interface CreatedCounts {
  createdBuildings: number;
  createdUnits: number;
  createdRooms: number;
}

export const NOTHING_CREATED: CreatedCounts = { createdBuildings: 0, createdUnits: 0, createdRooms: 0 };

/** 501 → 5, 1203 → 12: the digits before the last two; null when there are none (01, 99) or 0. */
export function floorOf(number: string): number | null {
  const m = /^(\d+)\d\d$/.exec(number);
  const floor = m ? Number(m[1]) : 0;
  return floor > 0 ? floor : null;
}

/** Buildings are listed by `sort`: a numeric code sorts by its number, any other first (0). */
function buildingSort(code: string): number {
  return /^\d+$/.test(code) ? Number(code) : 0;
}

export interface RoomResolution {
  room?: RoomRef;
  /** The canonical code (3-2-501) when the text is a full room notation. */
  code?: string;
  problem?: RowMessage;
}

/**
 * Loads the estate's rooms and returns a resolver of room texts (3-2-501, 3栋2单元501). With
 * `createRooms`, a full notation of a room the estate lacks resolves to a planned room (the same
 * one for every row that names it), under the existing building and unit of that code or new ones.
 */
export async function roomResolver(db: Kysely<DB>, estateId: string, createRooms: boolean) {
  const rooms = new Map<string, RoomRef>((await repo.listRooms(db, estateId)).map((r) => [r.room_code, r]));
  const buildings = new Map<string, NewRoom['building']>();
  const units = new Map<string, NewRoom['unit']>();
  if (createRooms) {
    const [bs, us] = await Promise.all([repo.listBuildings(db, estateId), repo.listUnits(db, estateId)]);
    const codeOf = new Map(bs.map((b) => [b.id, b.code]));
    for (const b of bs) buildings.set(b.code, { id: b.id, code: b.code, exists: true });
    for (const u of us)
      units.set(`${codeOf.get(u.building_id)}-${u.code}`, { id: u.id, code: u.code, exists: true });
  }

  const plan = (b: string, u: string, number: string, code: string): RoomRef => {
    let building = buildings.get(b);
    if (!building) {
      building = { id: newId(), code: b, exists: false };
      buildings.set(b, building);
    }
    let unit = units.get(`${b}-${u}`);
    if (!unit) {
      unit = { id: newId(), code: u, exists: false };
      units.set(`${b}-${u}`, unit);
    }
    const room: RoomRef = {
      id: newId(),
      building_id: building.id,
      room_code: code,
      create: { building, unit, number, floor: floorOf(number) },
    };
    rooms.set(code, room);
    return room;
  };

  return (text: string): RoomResolution => {
    if (!text) return { problem: 'required' };
    const q = parseRoomQuery(text);
    if (!q?.building || !q.unit || !q.room) return { problem: 'roomFormat' };
    const code = roomCode(q.building, q.unit, q.room);
    const room = rooms.get(code) ?? (createRooms ? plan(q.building, q.unit, q.room, code) : undefined);
    return room ? { room, code } : { code, problem: 'roomUnknown' };
  };
}

/** How many buildings, units and rooms creating these rooms would add (the dry run's counts). */
export function countNewRooms(rooms: RoomRef[]): CreatedCounts {
  const created = rooms.flatMap((r) => (r.create ? [r.create] : []));
  return {
    createdBuildings: new Set(created.filter((n) => !n.building.exists).map((n) => n.building.code)).size,
    createdUnits: new Set(
      created.filter((n) => !n.unit.exists).map((n) => `${n.building.code}-${n.unit.code}`),
    ).size,
    createdRooms: created.length,
  };
}

/**
 * Creates the planned rooms of `rooms`, and their missing buildings and units, inside the import's
 * transaction. A building, unit or room that another writer created since validation is taken as
 * it is (no duplicate, no unique violation). Returns the counts actually created and the room of
 * each code, whose ids the household rows must use.
 */
export async function createPlannedRooms(
  trx: Kysely<DB>,
  estateId: string,
  rooms: RoomRef[],
): Promise<CreatedCounts & { roomOf: Map<string, { id: string; building_id: string }> }> {
  const planned = rooms.flatMap((r) => (r.create ? [{ ref: r, create: r.create }] : []));
  if (!planned.length) return { ...NOTHING_CREATED, roomOf: new Map() };

  const newBuildings = new Map<string, NewRoom['building']>();
  for (const { create } of planned)
    if (!create.building.exists) newBuildings.set(create.building.code, create.building);
  const createdBuildings = await repo.insertMissing(
    trx,
    'buildings',
    [...newBuildings.values()].map((b) => ({
      estate_id: estateId,
      id: b.id,
      code: b.code,
      name: `${b.code}栋`,
      floors: null,
      sort: buildingSort(b.code),
    })),
  );
  const buildingCodes = [...new Set(planned.map((p) => p.create.building.code))];
  const buildingId = new Map(
    (await repo.buildingsByCodes(trx, estateId, buildingCodes)).map((b) => [b.code, b.id]),
  );
  const buildingOf = (code: string) => {
    const id = buildingId.get(code);
    if (!id) throw new Error(`building ${code} vanished during the import`);
    return id;
  };

  const newUnits = new Map<string, { building: string; unit: NewRoom['unit'] }>();
  for (const { create } of planned)
    if (!create.unit.exists)
      newUnits.set(`${create.building.code}-${create.unit.code}`, {
        building: create.building.code,
        unit: create.unit,
      });
  const createdUnits = await repo.insertMissing(
    trx,
    'units',
    [...newUnits.values()].map(({ building, unit }) => ({
      estate_id: estateId,
      id: unit.id,
      building_id: buildingOf(building),
      code: unit.code,
      name: `${unit.code}单元`,
    })),
  );
  const unitId = new Map(
    (await repo.unitsOfBuildings(trx, estateId, [...buildingId.values()])).map((u) => [
      `${u.building_id}-${u.code}`,
      u.id,
    ]),
  );

  const createdRooms = await repo.insertMissing(
    trx,
    'rooms',
    planned.map(({ ref, create }) => {
      const building = buildingOf(create.building.code);
      const unit = unitId.get(`${building}-${create.unit.code}`);
      if (!unit)
        throw new Error(`unit ${create.building.code}-${create.unit.code} vanished during the import`);
      return {
        estate_id: estateId,
        id: ref.id,
        building_id: building,
        unit_id: unit,
        number: create.number,
        floor: create.floor,
        area_m2: null,
        room_code: ref.room_code,
      };
    }),
  );
  const roomOf = new Map(
    (
      await repo.roomsByCodes(
        trx,
        estateId,
        planned.map((p) => p.ref.room_code),
      )
    ).map((r) => [r.room_code, { id: r.id, building_id: r.building_id }]),
  );
  return { createdBuildings, createdUnits, createdRooms, roomOf };
}
