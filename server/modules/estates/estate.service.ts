import type { Kysely } from 'kysely';
import type {
  Building,
  CreateEstateBody,
  Entrance,
  Estate,
  Post,
  Room,
  StaffMember,
  Team,
  TeamCode,
} from '../../../contract/estates.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { maskPhone } from '../../lib/masking.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { seedDefaultLoanItems } from '../loans/index.js';
import { seedDefaultTemplates } from '../messaging/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import { seedDefaultTips } from '../tips/index.js';
import { EstateErrors } from './estate.errors.js';
import * as repo from './estate.repository.js';

export type EstateService = ReturnType<typeof createEstateService>;

/** Estate structure: estates, buildings, units, rooms, entrances, posts, teams and staff (read side). */
/** The four teams of the plan plus management, created with every estate. */
export const DEFAULT_TEAMS: { code: TeamCode; name: string; nameEn: string }[] = [
  { code: 'security', name: '安全组', nameEn: 'Security' },
  { code: 'service', name: '客服组', nameEn: 'Customer service' },
  { code: 'environment', name: '环境绿化组', nameEn: 'Environment & greening' },
  { code: 'technical', name: '技术组', nameEn: 'Technical' },
  { code: 'management', name: '管理', nameEn: 'Management' },
];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function createEstateService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}) {
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

    /** Creates an estate with its five teams (admin only). */
    async create(actor: Actor, input: CreateEstateBody): Promise<Estate> {
      requireCap(actor, 'estate.create');
      if (!isTimeZone(input.timeZone))
        throw EstateErrors.make('INVALID_TIME_ZONE', { value: input.timeZone });
      if (await db.selectFrom('estates').select('id').where('code', '=', input.code).executeTakeFirst()) {
        throw EstateErrors.make('ESTATE_CODE_TAKEN', { code: input.code });
      }
      const id = newId();
      const now = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('estates')
          .values({
            id,
            code: input.code,
            name: input.name,
            name_en: input.nameEn ?? null,
            city: input.city,
            time_zone: input.timeZone,
            address: input.address ?? null,
            created_at: now,
            updated_at: now,
            created_by: actor.id,
          })
          .execute();
        await trx
          .insertInto('teams')
          .values(
            DEFAULT_TEAMS.map((t) => ({
              estate_id: id,
              id: newId(),
              code: t.code,
              name: t.name,
              name_en: t.nameEn,
            })),
          )
          .execute();
        await seedDefaultPlan(trx, id, deps.clock.now(), actor.id, actor.displayName);
        await seedDefaultCatalog(trx, id, deps.clock.now(), actor.id);
        await seedDefaultLoanItems(trx, id, deps.clock.now());
        await seedDefaultTemplates(trx, id, deps.clock.now());
        await seedDefaultTips(trx, id, deps.clock.now());
        await deps.audit.record(
          {
            actor,
            action: 'estate.create',
            estateId: id,
            targetType: 'estate',
            targetId: id,
            details: { code: input.code },
          },
          trx,
        );
      });
      return this.get({ ...actor, estateIds: [...actor.estateIds, id] }, id);
    },

    /** Replaces the butlers responsible for a building (managers); each must be a butler of the estate. */
    async setButlers(
      actor: Actor,
      estateId: string,
      buildingId: string,
      accountIds: string[],
    ): Promise<Building> {
      await scoped(actor, estateId);
      requireCap(actor, 'estate.manage');
      const building = await db
        .selectFrom('buildings')
        .select(['id', 'code'])
        .where('estate_id', '=', estateId)
        .where('id', '=', buildingId)
        .executeTakeFirst();
      if (!building) throw EstateErrors.make('BUILDING_NOT_FOUND');
      const ids = [...new Set(accountIds)];
      const staff = ids.length ? (await repo.listStaff(db, estateId)).filter((s) => ids.includes(s.id)) : [];
      for (const id of ids) {
        const s = staff.find((x) => x.id === id);
        if (s?.role !== 'butler') throw EstateErrors.make('NOT_A_BUTLER', { name: s?.display_name ?? id });
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('butler_buildings')
          .where('estate_id', '=', estateId)
          .where('building_id', '=', buildingId)
          .execute();
        if (ids.length)
          await trx
            .insertInto('butler_buildings')
            .values(ids.map((account_id) => ({ estate_id: estateId, building_id: buildingId, account_id })))
            .execute();
        await deps.audit.record(
          {
            actor,
            action: 'estate.set_butlers',
            estateId,
            targetType: 'building',
            targetId: buildingId,
            details: { building: building.code, accountIds: ids },
          },
          trx,
        );
      });
      return (await this.buildings(actor, estateId)).find((b) => b.id === buildingId)!;
    },

    /** A room of the estate, or undefined (used by the household module). */
    findRoom(estateId: string, roomId: string) {
      return repo.findRoom(db, estateId, roomId);
    },
  };
}
