import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { CITY, TIME_ZONE } from './demo.estate.js';
import { makeFamily } from './demo.family.js';
import { householdRows } from './demo.households.js';
import { insertRows } from './demo.insert.js';
import { DEFAULT_SEED, Rng } from './demo.random.js';

/** Options of {@link loadBulkHouseholds}. */
export interface BulkHouseholdsOptions {
  /** Code of the estate to fill; created when missing, reused (new buildings added) otherwise. */
  estateCode: string;
  /** How many households to insert (each in its own new room). */
  households: number;
  seed?: number;
  now: Date;
}

// ---------------------------------------------------------------------------------------------
// Bulk data for benchmarks

const BULK_UNITS = 4;
const BULK_FLOORS = 30;
const BULK_PER_FLOOR = 4;
const BULK_PER_BUILDING = BULK_UNITS * BULK_FLOORS * BULK_PER_FLOOR;
const BULK_PER_TRANSACTION = 10_000;

/**
 * Inserts `households` archives (1–4 members each) for load tests, in new 30-floor buildings of
 * the estate `estateCode` (created when missing). Rows go in multi-row statements, 10,000
 * households per transaction; 100,000 households take seconds on SQLite.
 */
export async function loadBulkHouseholds(
  db: Kysely<DB>,
  opts: BulkHouseholdsOptions,
): Promise<{ estateId: string }> {
  const rng = new Rng(opts.seed ?? DEFAULT_SEED);
  const nowIso = opts.now.toISOString();

  let estateId = (
    await db.selectFrom('estates').select('id').where('code', '=', opts.estateCode).executeTakeFirst()
  )?.id;
  if (!estateId) {
    estateId = newId();
    await db
      .insertInto('estates')
      .values({
        id: estateId,
        code: opts.estateCode,
        name: `压测小区 ${opts.estateCode}`,
        name_en: `Benchmark estate ${opts.estateCode}`,
        city: CITY,
        time_zone: TIME_ZONE,
        address: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
        created_by: null,
      })
      .execute();
  }

  // New buildings are numbered after the existing ones, so room codes never collide.
  const existing = await db
    .selectFrom('buildings')
    .select('code')
    .where('estate_id', '=', estateId)
    .execute();
  const firstBuilding = existing.reduce((max, b) => Math.max(max, Number.parseInt(b.code, 10) || 0), 0) + 1;

  const phones = new Set<string>();
  let buildingId = '';
  let unitIds: string[] = [];
  let buildingNo = 0;
  for (let start = 0; start < opts.households; start += BULK_PER_TRANSACTION) {
    const end = Math.min(opts.households, start + BULK_PER_TRANSACTION);
    const buildings: Insertable<DB['buildings']>[] = [];
    const units: Insertable<DB['units']>[] = [];
    const rooms: Insertable<DB['rooms']>[] = [];
    const households: Insertable<DB['households']>[] = [];
    const members: Insertable<DB['members']>[] = [];
    const tags: Insertable<DB['household_tags']>[] = [];
    for (let h = start; h < end; h++) {
      const within = h % BULK_PER_BUILDING;
      if (within === 0) {
        buildingNo = firstBuilding + Math.floor(h / BULK_PER_BUILDING);
        buildingId = newId();
        buildings.push({
          estate_id: estateId,
          id: buildingId,
          code: String(buildingNo),
          name: `${buildingNo}栋`,
          floors: BULK_FLOORS,
          sort: buildingNo,
        });
        unitIds = [];
        for (let u = 1; u <= BULK_UNITS; u++) {
          const id = newId();
          unitIds.push(id);
          units.push({ estate_id: estateId, id, building_id: buildingId, code: String(u), name: `${u}单元` });
        }
      }
      const unit = Math.floor(within / (BULK_FLOORS * BULK_PER_FLOOR));
      const floor = Math.floor((within % (BULK_FLOORS * BULK_PER_FLOOR)) / BULK_PER_FLOOR) + 1;
      const pos = (within % BULK_PER_FLOOR) + 1;
      const number = `${floor}${String(pos).padStart(2, '0')}`;
      const roomId = newId();
      const roomCode = `${buildingNo}-${unit + 1}-${number}`;
      rooms.push({
        estate_id: estateId,
        id: roomId,
        building_id: buildingId,
        unit_id: unitIds[unit],
        number,
        floor,
        area_m2: pos <= 2 ? 89.5 : 126.8,
        room_code: roomCode,
      });
      const fam = makeFamily(rng);
      fam.members = fam.members.slice(0, 4);
      const rowsOf = householdRows(rng, fam, {
        estateId,
        roomId,
        buildingId,
        roomCode,
        now: opts.now,
        nowIso,
        builtYear: 2010,
        phones,
      });
      households.push(rowsOf.household);
      members.push(...rowsOf.members);
      tags.push(...rowsOf.tags);
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'buildings', buildings);
      await insertRows(trx, 'units', units);
      await insertRows(trx, 'rooms', rooms);
      await insertRows(trx, 'households', households);
      await insertRows(trx, 'members', members);
      await insertRows(trx, 'household_tags', tags);
    });
  }
  return { estateId };
}
