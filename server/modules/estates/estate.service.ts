import type { Kysely } from 'kysely';
import type {
  Building,
  Entrance,
  Estate,
  Post,
  Room,
  StaffMember,
  Team,
  TeamCode,
} from '../../../contract/estates.js';
import type { DB } from '../../db/schema.js';
import { CommonErrors } from '../../lib/errors.js';
import { maskPhone } from '../../lib/masking.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import * as repo from './estate.repository.js';

export type EstateService = ReturnType<typeof createEstateService>;

/** Estate structure: estates, buildings, units, rooms, entrances, posts, teams and staff (read side). */
export function createEstateService(deps: { db: Kysely<DB> }) {
  const { db } = deps;

  async function scoped(actor: Actor, estateId: string) {
    requireCap(actor, 'estate.read');
    requireEstate(actor, estateId);
    const e = await repo.findEstate(db, estateId);
    if (!e) throw CommonErrors.make('NOT_FOUND');
    return e;
  }

  return {
    async list(actor: Actor): Promise<Estate[]> {
      requireCap(actor, 'estate.read');
      const rows = await repo.listEstates(db, actor.allEstates ? 'all' : actor.estateIds);
      return Promise.all(
        rows.map(async (e) => ({
          id: e.id,
          code: e.code,
          name: e.name,
          nameEn: e.name_en,
          city: e.city,
          timeZone: e.time_zone,
          address: e.address,
          counts: await repo.estateCounts(db, e.id),
        })),
      );
    },

    async get(actor: Actor, estateId: string): Promise<Estate> {
      const e = await scoped(actor, estateId);
      return {
        id: e.id,
        code: e.code,
        name: e.name,
        nameEn: e.name_en,
        city: e.city,
        timeZone: e.time_zone,
        address: e.address,
        counts: await repo.estateCounts(db, e.id),
      };
    },

    async buildings(actor: Actor, estateId: string): Promise<Building[]> {
      await scoped(actor, estateId);
      const [buildings, units, counts, butlers] = await Promise.all([
        repo.listBuildings(db, estateId),
        repo.listUnitsWithRoomCounts(db, estateId),
        repo.householdCountsByBuilding(db, estateId),
        repo.listButlers(db, estateId),
      ]);
      return buildings.map((b) => ({
        id: b.id,
        code: b.code,
        name: b.name,
        floors: b.floors,
        units: units
          .filter((u) => u.building_id === b.id)
          .map((u) => ({ id: u.id, code: u.code, name: u.name, rooms: Number(u.rooms) })),
        butlers: butlers
          .filter((x) => x.building_id === b.id)
          .map((x) => ({ id: x.id, displayName: x.display_name })),
        households: Number(counts.find((c) => c.building_id === b.id)?.n ?? 0),
      }));
    },

    async rooms(
      actor: Actor,
      estateId: string,
      f: { buildingId?: string; unitId?: string },
    ): Promise<Room[]> {
      await scoped(actor, estateId);
      const rows = await repo.listRooms(db, estateId, f);
      return rows.map((r) => ({
        id: r.id,
        buildingId: r.building_id,
        unitId: r.unit_id,
        number: r.number,
        floor: r.floor,
        areaM2: r.area_m2,
        roomCode: r.room_code,
        householdId: r.household_id ?? null,
      }));
    },

    async entrances(actor: Actor, estateId: string): Promise<Entrance[]> {
      await scoped(actor, estateId);
      return (await repo.listEntrances(db, estateId)).map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        isMain: e.is_main === 1,
      }));
    },

    async teams(actor: Actor, estateId: string): Promise<Team[]> {
      await scoped(actor, estateId);
      return (await repo.listTeams(db, estateId)).map((t) => ({
        id: t.id,
        code: t.code as TeamCode,
        name: t.name,
        nameEn: t.name_en,
        members: Number(t.members),
      }));
    },

    async posts(actor: Actor, estateId: string): Promise<Post[]> {
      await scoped(actor, estateId);
      return (await repo.listPosts(db, estateId)).map((p) => ({
        id: p.id,
        name: p.name,
        teamId: p.team_id,
        entranceId: p.entrance_id,
        shift: p.shift,
      }));
    },

    async staff(actor: Actor, estateId: string): Promise<StaffMember[]> {
      await scoped(actor, estateId);
      requireCap(actor, 'staff.read');
      const [rows, buildings] = await Promise.all([
        repo.listStaff(db, estateId),
        repo.listButlerBuildingCodes(db, estateId),
      ]);
      return rows.map((r) => ({
        accountId: r.id,
        displayName: r.display_name,
        role: r.role,
        teamId: r.team_id,
        teamCode: r.team_code ?? null,
        position: r.position,
        phone: maskPhone(r.phone),
        status: r.status,
        buildings: buildings
          .filter((b) => b.account_id === r.id)
          .map((b) => b.code)
          .sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true })),
      }));
    },

    /** A room of the estate, or undefined (used by the household module). */
    findRoom(estateId: string, roomId: string) {
      return repo.findRoom(db, estateId, roomId);
    },
  };
}
