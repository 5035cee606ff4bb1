import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { MemberInput } from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../auth/index.js';
// The writer helpers keep the archive invariants identical to household.service.ts create/update.
import { diffArchive, resolveMembers, resolveVehicles } from '../households/household.writer.js';
import { roomSortKey } from '../households/index.js';
import { type RowMessage, rowMessage } from './household-io.errors.js';
import * as repo from './household-io.repository.js';
import {
  type CreatedCounts,
  countNewRooms,
  createPlannedRooms,
  NOTHING_CREATED,
} from './household-io.rooms.js';
import type { HouseholdIoDeps, ImportOptions, ImportResult, Plan } from './household-io.types.js';
import { header, validate } from './household-io.validate.js';
import { loadWorkbook } from './household-io.xlsx.js';

/** Writing validated plans: archives (and, with createRooms, their rooms) in one transaction. */

/** Errors listed in a response; the count says how many there were in all. */
const MAX_LISTED_ERRORS = 1000;

type MemberIn = z.infer<typeof MemberInput>;

/** One household ready to be written. */
interface Prepared {
  plan: Plan;
  kind: 'create' | 'update';
  id: string;
  version: number;
  household?: Record<string, unknown>;
  set?: Record<string, unknown>;
  members?: any[];
  vehicles?: any[];
  tags?: string[];
  changes: unknown[];
}

/** Thrown inside the write transaction when the database moved since validation: rolls it back. */
class WriteConflict extends Error {
  constructor(readonly items: { plan: Plan; key: RowMessage; params?: Record<string, unknown> }[]) {
    super('import write conflict');
  }
}

const HOUSEHOLD_FIELD_COLUMNS: [key: string, column: string, json: boolean][] = [
  ['occupancy', 'occupancy', false],
  ['moveInDate', 'move_in_date', false],
  ['familyStructure', 'family_structure', false],
  ['careFlags', 'care_flags', true],
  ['hobbies', 'hobbies', true],
  ['skills', 'skills', true],
  ['tags', 'tags', true],
  ['preferredChannel', 'preferred_channel', false],
  ['preferredHours', 'preferred_hours', false],
  ['notes', 'notes', false],
];

function memberInputs(plan: Plan): MemberIn[] {
  return plan.members.map((line) => {
    const match = line.match;
    const keepMinorName = match?.age_band === 'under14' && line.name !== match.name;
    return {
      ...(match ? { id: match.id } : {}),
      name: keepMinorName ? match.name : line.name,
      relation: line.relation,
      role: line.role,
      phone: line.maskedPhone ? undefined : line.phone,
      email: line.maskedEmail ? undefined : line.email,
      ageBand: line.ageBand as MemberIn['ageBand'],
      isPrimary: line.primary,
    };
  });
}

function prepare(
  actor: Actor,
  estateId: string,
  plan: Plan,
  withMembers: boolean,
  withVehicles: boolean,
  now: string,
): Prepared | undefined {
  const f = plan.fields;
  const h = plan.existing;
  const id: string = h?.id ?? newId();
  const members = withMembers
    ? resolveMembers(estateId, id, memberInputs(plan), plan.existingMembers)
    : undefined;
  const vehicles = withVehicles
    ? resolveVehicles(
        estateId,
        id,
        plan.vehicles.map((v) => ({
          id: plan.existingVehicles.find((x) => x.plate === v.plate)?.id,
          plate: v.plate,
          restrictionReminder: v.reminder,
        })),
      )
    : undefined;
  if (!h) {
    const tags = (f.tags as string[] | undefined) ?? [];
    return {
      plan,
      kind: 'create',
      id,
      version: 1,
      household: {
        estate_id: estateId,
        id,
        room_id: plan.room.id,
        building_id: plan.room.building_id,
        room_code: plan.room.room_code,
        room_sort: roomSortKey(plan.room.room_code),
        occupancy: f.occupancy,
        move_in_date: f.moveInDate ?? null,
        family_structure: f.familyStructure ?? null,
        care_flags: toJson(f.careFlags ?? []),
        hobbies: toJson(f.hobbies ?? []),
        skills: toJson(f.skills ?? []),
        tags: toJson(tags),
        preferred_channel: f.preferredChannel ?? null,
        preferred_hours: f.preferredHours ?? null,
        notes: f.notes ?? null,
        custom_fields: toJson({}),
        primary_name: members?.find((m) => m.is_primary === 1)?.name ?? null,
        member_count: members?.length ?? 0,
        created_at: now,
        updated_at: now,
        created_by: actor.id,
        updated_by: actor.id,
      },
      members: members ?? [],
      vehicles: vehicles ?? [],
      tags,
      changes: [{ field: 'created', old: null, new: plan.room.room_code }],
    };
  }
  const set: Record<string, unknown> = {};
  for (const [key, col, json] of HOUSEHOLD_FIELD_COLUMNS) {
    if (f[key] === undefined) continue;
    set[col] = json ? toJson(f[key]) : f[key];
  }
  if (members) {
    set.primary_name = members.find((m) => m.is_primary === 1)?.name ?? null;
    set.member_count = members.length;
  }
  const changes = diffArchive(
    { row: h, members: plan.existingMembers, pets: [], vehicles: plan.existingVehicles },
    { row: set, members, vehicles },
  );
  if (!changes.length) return undefined;
  return {
    plan,
    kind: 'update',
    id,
    version: Number(h.version),
    set,
    members,
    vehicles,
    tags: f.tags as string[] | undefined,
    changes,
  };
}

/** Writes prepared archives inside one transaction; throws WriteConflict when the data moved. */
async function writeAll(
  trx: Kysely<DB>,
  actor: Actor,
  estateId: string,
  items: Prepared[],
  now: string,
): Promise<CreatedCounts> {
  const creates = items.filter((i) => i.kind === 'create');
  const updates = items.filter((i) => i.kind === 'update');
  // Rooms to create first (createRooms); one created meanwhile by someone else is used as it is.
  const { roomOf, ...created } = await createPlannedRooms(
    trx,
    estateId,
    creates.map((c) => c.plan.room),
  );
  for (const c of creates) {
    const room = c.plan.room.create && roomOf.get(c.plan.room.room_code);
    if (!room) continue;
    c.household!.room_id = room.id;
    c.household!.building_id = room.building_id;
  }
  const roomIdOf = (c: Prepared) => c.household!.room_id as string;
  const taken = new Set(await repo.roomsWithHousehold(trx, estateId, creates.map(roomIdOf)));
  const conflicts: ConstructorParameters<typeof WriteConflict>[0] = creates
    .filter((c) => taken.has(roomIdOf(c)))
    .map((c) => ({
      plan: c.plan,
      key: 'roomTakenMeanwhile' as const,
      params: { value: c.plan.room.room_code },
    }));
  if (conflicts.length) throw new WriteConflict(conflicts);
  for (const u of updates) {
    const ok = await updateAtVersion(
      trx,
      'households',
      { estateId, id: u.id, version: u.version },
      { ...(u.set as Updateable<DB['households']>), updated_at: now, updated_by: actor.id },
    );
    if (!ok) conflicts.push({ plan: u.plan, key: 'changedMeanwhile' });
  }
  if (conflicts.length) throw new WriteConflict(conflicts);
  await repo.deleteParts(
    trx,
    'members',
    estateId,
    updates.filter((u) => u.members).map((u) => u.id),
  );
  await repo.deleteParts(
    trx,
    'vehicles',
    estateId,
    updates.filter((u) => u.vehicles).map((u) => u.id),
  );
  await repo.deleteParts(
    trx,
    'household_tags',
    estateId,
    updates.filter((u) => u.tags).map((u) => u.id),
  );
  // Plates written meanwhile by someone else (ours were just deleted).
  const byPlate = new Map(
    items.flatMap((i) => (i.vehicles ?? []).map((v) => [v.plate as string, i] as const)),
  );
  for (const o of await repo.plateOwners(trx, estateId, [...byPlate.keys()])) {
    conflicts.push({
      plan: byPlate.get(o.plate)!.plan,
      key: 'plateTaken',
      params: { value: o.plate, room: o.room_code },
    });
  }
  if (conflicts.length) throw new WriteConflict(conflicts);
  await repo.insertMany(
    trx,
    'households',
    creates.map((c) => c.household!),
  );
  await repo.insertMany(
    trx,
    'members',
    items.flatMap((i) => i.members ?? []),
  );
  await repo.insertMany(
    trx,
    'vehicles',
    items.flatMap((i) => i.vehicles ?? []),
  );
  await repo.insertMany(
    trx,
    'household_tags',
    items.flatMap((i) =>
      [...new Set(i.tags ?? [])].map((tag) => ({ estate_id: estateId, household_id: i.id, tag })),
    ),
  );
  await repo.insertMany(
    trx,
    'household_changes',
    items.map((i) => ({
      estate_id: estateId,
      id: newId(),
      household_id: i.id,
      at: now,
      actor_id: actor.id,
      actor_name: actor.displayName,
      version: i.kind === 'create' ? 1 : i.version + 1,
      changes: toJson(i.changes),
    })),
  );
  return created;
}

/**
 * Imports households (and their members and vehicles) from an .xlsx workbook; the caller has
 * checked the actor may. Every row is validated first; errors name the sheet, the Excel row and
 * the column. A room that has an archive is updated (members and vehicles replaced by the file's),
 * others are created; with `createRooms`, a room the estate lacks is created with the household.
 * All writes happen in one transaction: nothing partial is left if one fails.
 */
export async function runImport(
  deps: Pick<HouseholdIoDeps, 'db' | 'clock' | 'audit'>,
  actor: Actor,
  estateId: string,
  file: Buffer,
  opts: ImportOptions,
): Promise<ImportResult> {
  const { db, clock, audit } = deps;
  if (!(await repo.findEstate(db, estateId))) throw CommonErrors.make('NOT_FOUND');
  const wb = await loadWorkbook(file);
  const v = await validate(db, actor, estateId, wb, {
    mode: opts.mode,
    createRooms: opts.createRooms ?? false,
  });
  const errors = v.errors;
  const result = (
    imported: number,
    updated: number,
    unchanged: number,
    created: CreatedCounts = NOTHING_CREATED,
  ): ImportResult => {
    const sorted = [...errors].sort(
      (a, b) => v.sheetOrder.indexOf(a.sheet) - v.sheetOrder.indexOf(b.sheet) || a.row - b.row,
    );
    return {
      imported,
      updated,
      unchanged,
      skipped: v.householdRows - imported - updated - unchanged,
      ...created,
      errors: sorted.slice(0, MAX_LISTED_ERRORS),
      errorCount: errors.length,
      dryRun: opts.dryRun,
    };
  };
  const record = (r: ImportResult) =>
    audit.record({
      actor,
      action: 'import.households',
      estateId,
      outcome: r.imported + r.updated + r.unchanged > 0 || !r.errorCount ? 'success' : 'failure',
      details: {
        mode: opts.mode,
        imported: r.imported,
        updated: r.updated,
        unchanged: r.unchanged,
        skipped: r.skipped,
        errors: r.errorCount,
        createRooms: opts.createRooms ?? false,
        createdBuildings: r.createdBuildings,
        createdUnits: r.createdUnits,
        createdRooms: r.createdRooms,
      },
    });
  if (v.structural || (opts.mode === 'all_or_nothing' && errors.length)) {
    const r = result(0, 0, 0);
    if (!opts.dryRun) await record(r);
    return r;
  }
  const now = clock.now().toISOString();
  let items: Prepared[] = [];
  let unchanged = 0;
  for (const plan of v.plans) {
    if (plan.invalid) continue;
    const p = prepare(actor, estateId, plan, v.members, v.vehicles, now);
    if (p) items.push(p);
    else unchanged++;
  }
  const count = (kind: Prepared['kind']) => items.filter((i) => i.kind === kind).length;
  if (opts.dryRun)
    return result(count('create'), count('update'), unchanged, countNewRooms(items.map((i) => i.plan.room)));
  // One transaction. When the data moved since validation (a concurrent edit), all_or_nothing
  // reports it and writes nothing; valid_rows drops the households concerned and retries.
  let rolledBack = false;
  let created = NOTHING_CREATED;
  while (items.length) {
    try {
      created = await db.transaction().execute((trx) => writeAll(trx, actor, estateId, items, now));
      break;
    } catch (e) {
      if (!(e instanceof WriteConflict)) {
        await audit.record({
          actor,
          action: 'import.households',
          estateId,
          outcome: 'failure',
          details: { mode: opts.mode, failed: 'write' },
        });
        throw e;
      }
      for (const c of e.items) {
        errors.push({
          sheet: v.sheetOrder[0]!,
          row: c.plan.row,
          column: header('households', 'room'),
          message: rowMessage(actor.lang, c.key, c.params),
        });
      }
      const failed = new Set(e.items.map((c) => c.plan));
      if (opts.mode === 'all_or_nothing') {
        items = [];
        rolledBack = true;
      } else items = items.filter((i) => !failed.has(i.plan));
    }
  }
  const r = result(count('create'), count('update'), rolledBack ? 0 : unchanged, created);
  await record(r);
  return r;
}
