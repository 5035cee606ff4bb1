import type { Kysely } from 'kysely';
import type {
  CreateHouseholdBody,
  Household,
  HouseholdSummary,
  UpdateHouseholdBody,
} from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, toIso, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate } from '../auth/index.js';
import type { EstateService } from '../estates/index.js';
import { createArchiveCache } from './household.cache.js';
import { HouseholdErrors } from './household.errors.js';
import { toHousehold, toSummary, type Visibility } from './household.mapper.js';
import * as repo from './household.repository.js';
import {
  diffArchive,
  replaceParts,
  resolveMembers,
  resolvePets,
  resolveVehicles,
} from './household.writer.js';
import { parseRoomQuery, roomSortKey } from './room-notation.js';

export type HouseholdService = ReturnType<typeof createHouseholdService>;

export interface ListQuery {
  q?: string;
  estateId?: string;
  buildingId?: string;
  occupancy?: string;
  careFlag?: string;
  cursor?: string;
  limit: number;
}

export interface HouseholdDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  estates: Pick<EstateService, 'findRoom'>;
}

function visibility(actor: Actor): Visibility {
  return { fullPhone: can(actor, 'phone.full'), minors: can(actor, 'sensitive.read.minor') };
}

/** The archive cache keeps one serialized archive per view: what the reader may see unmasked. */
function viewKey(v: Visibility): string {
  return `${v.fullPhone ? 'phone' : ''}|${v.minors ? 'minors' : ''}`;
}

/** Household archives (家庭档案): search, read, create, edit with history. */
export function createHouseholdService(deps: HouseholdDeps) {
  const { db, clock, audit } = deps;
  const cache = createArchiveCache();

  /** Loads a household the actor may see; 404 otherwise (existence outside scope is not revealed). */
  async function load(actor: Actor, id: string) {
    requireCap(actor, 'household.read');
    const row = await repo.findHousehold(db, id);
    if (!row) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND');
    if (!inScope(actor, row.estate_id)) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND').asDenial();
    return row;
  }

  async function checkCustomFields(estateId: string, values: Record<string, unknown>) {
    const defs = await repo.listCustomFieldDefs(db, estateId);
    for (const [key, value] of Object.entries(values)) {
      const def = defs.find((d) => d.key === key && d.active === 1);
      if (!def) throw HouseholdErrors.make('UNKNOWN_CUSTOM_FIELD', { key }, { field: `customFields.${key}` });
      if (value === null) continue;
      const options = fromJson<string[]>(def.options, []);
      const ok =
        (def.type === 'text' && typeof value === 'string') ||
        (def.type === 'number' && typeof value === 'number') ||
        (def.type === 'boolean' && typeof value === 'boolean') ||
        (def.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) ||
        (def.type === 'select' && typeof value === 'string' && options.includes(value));
      if (!ok)
        throw HouseholdErrors.make(
          'CUSTOM_FIELD_TYPE',
          { key, type: def.type === 'select' ? options.join('/') : def.type },
          { field: `customFields.${key}` },
        );
    }
  }

  async function hasActiveConsent(trx: Kysely<DB>, estateId: string, householdId: string, purpose: string) {
    const c = await trx
      .selectFrom('consents')
      .select('id')
      .where('estate_id', '=', estateId)
      .where('household_id', '=', householdId)
      .where('purpose', '=', purpose)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return !!c;
  }

  async function searchIds(estateIds: string[], q: string): Promise<string[]> {
    const found = new Set<string>();
    const room = parseRoomQuery(q);
    const digits = q.replace(/[\s-]/g, '');
    const jobs: Promise<string[]>[] = [];
    if (room) jobs.push(repo.idsByRoom(db, estateIds, room));
    if (/^\d{4,11}$/.test(digits)) jobs.push(repo.idsByPhone(db, estateIds, digits));
    if (!/^\d+$/.test(q)) {
      jobs.push(repo.idsByName(db, estateIds, q));
      jobs.push(repo.idsByTag(db, estateIds, q));
    }
    for (const ids of await Promise.all(jobs)) for (const id of ids) found.add(id);
    return [...found];
  }

  return {
    load,

    /** Searches households by room notation, member name, phone suffix or tag; natural room order. */
    async list(actor: Actor, f: ListQuery): Promise<Page<HouseholdSummary>> {
      requireCap(actor, 'household.read');
      let estateIds = actor.estateIds;
      if (f.estateId) {
        requireEstate(actor, f.estateId);
        estateIds = [f.estateId];
      }
      if (!estateIds.length) return { items: [], nextCursor: null };
      const q = f.q?.trim();
      const ids = q ? await searchIds(estateIds, q) : undefined;
      const c = decodeCursor(f.cursor);
      const rows = await repo.listHouseholds(db, {
        estateIds,
        buildingId: f.buildingId,
        occupancy: f.occupancy,
        careFlag: f.careFlag,
        ids,
        after: c && c.length === 2 ? [String(c[0]), String(c[1])] : undefined,
        limit: f.limit,
      });
      const primaries = await repo.listPrimaryMembers(
        db,
        estateIds,
        rows.map((r) => r.id),
      );
      const phoneOf = new Map(primaries.map((p) => [p.household_id, p.phone]));
      return toPage(
        rows,
        f.limit,
        (r) => [r.room_sort, r.id],
        (r) => toSummary(r, phoneOf.get(r.id) ?? null),
      );
    },

    /**
     * A household archive as the API sends it (UTF-8 JSON) with its version. Served from the archive
     * cache when the household's version has not moved since it was built for this view.
     */
    async getJson(actor: Actor, id: string): Promise<{ version: number; json: Buffer }> {
      requireCap(actor, 'household.read');
      const head = await repo.findHouseholdHead(db, id);
      if (!head) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND');
      if (!inScope(actor, head.estate_id)) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND').asDenial();
      const v = visibility(actor);
      const view = viewKey(v);
      const hit = cache.get(id, Number(head.version), view);
      if (hit) return { version: Number(head.version), json: hit };
      const whole = await repo.findHouseholdWhole(db, id);
      if (!whole) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND');
      const h = toHousehold(
        whole.row,
        { ...whole, sensitive: whole.sensitive.map((s) => ({ category: s.category, n: Number(s.n) })) },
        v,
      );
      const json = Buffer.from(JSON.stringify(h));
      // Stored under the version read together with the parts, in the same statement.
      cache.set(id, h.version, view, json);
      return { version: h.version, json };
    },

    async get(actor: Actor, id: string): Promise<Household> {
      return JSON.parse((await this.getJson(actor, id)).json.toString()) as Household;
    },

    async create(actor: Actor, input: CreateHouseholdBody): Promise<Household> {
      requireCap(actor, 'household.create');
      requireEstate(actor, input.estateId);
      const room = await deps.estates.findRoom(input.estateId, input.roomId);
      if (!room) throw HouseholdErrors.make('ROOM_NOT_FOUND');
      if (await repo.findHouseholdByRoom(db, input.estateId, input.roomId))
        throw HouseholdErrors.make('ROOM_HAS_HOUSEHOLD', { room: room.room_code });
      if (input.customFields) await checkCustomFields(input.estateId, input.customFields);
      if (input.members?.some((m) => m.ageBand === 'under14'))
        throw HouseholdErrors.make('MINOR_CONSENT_REQUIRED');
      const id = newId();
      const now = clock.now().toISOString();
      const members = resolveMembers(input.estateId, id, input.members ?? [], []);
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('households')
            .values({
              estate_id: input.estateId,
              id,
              room_id: room.id,
              building_id: room.building_id,
              room_code: room.room_code,
              room_sort: roomSortKey(room.room_code),
              occupancy: input.occupancy,
              move_in_date: input.moveInDate ?? null,
              family_structure: input.familyStructure ?? null,
              care_flags: toJson(input.careFlags ?? []),
              hobbies: toJson(input.hobbies ?? []),
              skills: toJson(input.skills ?? []),
              tags: toJson(input.tags ?? []),
              preferred_channel: input.preferredChannel ?? null,
              preferred_hours: input.preferredHours ?? null,
              notes: input.notes ?? null,
              custom_fields: toJson(input.customFields ?? {}),
              primary_name: members.find((m) => m.is_primary === 1)?.name ?? null,
              member_count: members.length,
              created_at: now,
              updated_at: now,
              created_by: actor.id,
              updated_by: actor.id,
            })
            .execute();
          await replaceParts(trx, input.estateId, id, {
            members,
            pets: resolvePets(input.estateId, id, input.pets ?? []),
            vehicles: resolveVehicles(input.estateId, id, input.vehicles ?? []),
            tags: input.tags ?? [],
          });
          await repo.insertChange(trx, {
            estateId: input.estateId,
            householdId: id,
            actor,
            at: now,
            version: 1,
            changes: [{ field: 'created', old: null, new: room.room_code }],
          });
          await audit.record(
            {
              actor,
              action: 'household.create',
              estateId: input.estateId,
              targetType: 'household',
              targetId: id,
              details: { room: room.room_code },
            },
            trx,
          );
        });
      } catch (e) {
        if (/UNIQUE constraint failed: households|households_room_uq/.test(String((e as Error).message))) {
          throw HouseholdErrors.make('ROOM_HAS_HOUSEHOLD', { room: room.room_code });
        }
        throw e;
      }
      return this.get(actor, id);
    },

    /**
     * Edits an archive. `version` (or If-Match) must name the version being edited: a stale one
     * gets 412 and nothing is written. Lists (members, pets, vehicles) replace the stored ones.
     */
    async update(actor: Actor, id: string, input: UpdateHouseholdBody, ifMatch?: number): Promise<Household> {
      const row = await load(actor, id);
      requireCap(actor, 'household.edit');
      const expected = input.version ?? ifMatch;
      if (expected === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      if (expected !== Number(row.version))
        throw CommonErrors.make('VERSION_CONFLICT', { current: row.version });
      const estateId = row.estate_id;
      if (input.customFields) await checkCustomFields(estateId, { ...input.customFields });
      const [members, pets, vehicles] = await Promise.all([
        repo.listMembers(db, estateId, [id]),
        repo.listPets(db, estateId, id),
        repo.listVehicles(db, estateId, id),
      ]);
      const newMembers = input.members ? resolveMembers(estateId, id, input.members, members) : undefined;
      const set: Record<string, unknown> = {};
      if (input.occupancy !== undefined) set.occupancy = input.occupancy;
      if (input.moveInDate !== undefined) set.move_in_date = input.moveInDate;
      if (input.familyStructure !== undefined) set.family_structure = input.familyStructure;
      if (input.careFlags !== undefined) set.care_flags = toJson(input.careFlags);
      if (input.hobbies !== undefined) set.hobbies = toJson(input.hobbies);
      if (input.skills !== undefined) set.skills = toJson(input.skills);
      if (input.tags !== undefined) set.tags = toJson(input.tags);
      if (input.preferredChannel !== undefined) set.preferred_channel = input.preferredChannel;
      if (input.preferredHours !== undefined) set.preferred_hours = input.preferredHours;
      if (input.notes !== undefined) set.notes = input.notes;
      if (input.customFields !== undefined) {
        const merged = { ...fromJson<Record<string, unknown>>(row.custom_fields, {}), ...input.customFields };
        for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
        set.custom_fields = toJson(merged);
      }
      if (newMembers) {
        set.primary_name = newMembers.find((m) => m.is_primary === 1)?.name ?? null;
        set.member_count = newMembers.length;
      }
      const newPets = input.pets ? resolvePets(estateId, id, input.pets) : undefined;
      const newVehicles = input.vehicles ? resolveVehicles(estateId, id, input.vehicles) : undefined;
      const changes = diffArchive(
        { row, members, pets, vehicles },
        { row: set, members: newMembers, pets: newPets, vehicles: newVehicles },
      );
      if (!changes.length) return this.get(actor, id);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const addsMinor = newMembers?.some(
          (m) => m.age_band === 'under14' && !members.some((o) => o.id === m.id && o.age_band === 'under14'),
        );
        if (addsMinor && !(await hasActiveConsent(trx, estateId, id, 'minor_info')))
          throw HouseholdErrors.make('MINOR_CONSENT_REQUIRED');
        const key = { estateId, id, version: Number(row.version) };
        if (
          !(await updateAtVersion(trx, 'households', key, { ...set, updated_at: now, updated_by: actor.id }))
        ) {
          const cur = await repo.findHousehold(trx, id);
          throw CommonErrors.make('VERSION_CONFLICT', { current: cur?.version ?? '?' });
        }
        await replaceParts(trx, estateId, id, {
          members: newMembers,
          pets: newPets,
          vehicles: newVehicles,
          tags: input.tags,
        });
        await repo.insertChange(trx, {
          estateId,
          householdId: id,
          actor,
          at: now,
          version: Number(row.version) + 1,
          changes,
        });
        await audit.record(
          {
            actor,
            action: 'household.update',
            estateId,
            targetType: 'household',
            targetId: id,
            details: {
              version: Number(row.version) + 1,
              fields: [...new Set(changes.map((c) => c.field.split(/[.[]/)[0]))],
            },
          },
          trx,
        );
      });
      return this.get(actor, id);
    },

    /** Who changed what and when, newest first. */
    async history(actor: Actor, id: string) {
      const row = await load(actor, id);
      const rows = await repo.listChanges(db, row.estate_id, id);
      return rows.map((r) => ({
        id: r.id,
        at: toIso(r.at)!,
        actorName: r.actor_name,
        version: Number(r.version),
        changes: fromJson<any[]>(r.changes, []),
      }));
    },
  };
}
