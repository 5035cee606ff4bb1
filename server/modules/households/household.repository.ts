import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import { arg, prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema.js';
import { fromJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';

export type HouseholdRow = Awaited<ReturnType<typeof findHousehold>> & {};

const householdQuery = prepared((db) => db.selectFrom('households').selectAll().where('id', '=', arg(0)));
export async function findHousehold(db: Kysely<DB>, id: string) {
  return (await householdQuery(db, id))[0];
}

const headQuery = prepared((db) =>
  db.selectFrom('households').select(['estate_id', 'version']).where('id', '=', arg(0)),
);
/** Estate and version of a household: enough to check scope and a cached archive. */
export async function findHouseholdHead(db: Kysely<DB>, id: string) {
  return (await headQuery(db, id))[0];
}

const MEMBER_COLS = [
  'id',
  'household_id',
  'name',
  'relation',
  'role',
  'phone',
  'phone_suffix',
  'email',
  'age_band',
  'is_primary',
  'sort',
];
const PET_COLS = ['id', 'household_id', 'kind', 'name', 'size', 'vaccinated_until', 'notes'];
const VEHICLE_COLS = ['id', 'household_id', 'plate', 'tail_digit', 'restriction_reminder'];

function wholeSql(pg: boolean): string {
  const obj = (alias: string, cols: string[]) =>
    `${pg ? 'json_build_object' : 'json_object'}(${cols.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
  const agg = (expr: string, order: string) =>
    pg ? `coalesce(json_agg(${expr} ORDER BY ${order}), '[]'::json)` : `json_group_array(${expr})`;
  const own = (alias: string) => `${alias}.estate_id = h.estate_id AND ${alias}.household_id = h.id`;
  // SQLite's json_group_array keeps the order of its (ordered) subquery's rows.
  const list = (table: string, alias: string, cols: string[], order: string) =>
    pg
      ? `(SELECT ${agg(obj(alias, cols), `${alias}.${order}`)} FROM ${table} ${alias} WHERE ${own(alias)})`
      : `(SELECT ${agg(obj(alias, cols), '')} FROM (SELECT * FROM ${table} x WHERE x.estate_id = h.estate_id AND x.household_id = h.id ORDER BY x.${order}) ${alias})`;
  const sensitive = pg
    ? `(SELECT coalesce(json_agg(json_build_object('category', s.category, 'n', s.n)), '[]'::json) FROM (SELECT category, count(*) AS n FROM sensitive_facts f WHERE f.estate_id = h.estate_id AND f.household_id = h.id AND f.deleted_at IS NULL GROUP BY category) s)`
    : `(SELECT json_group_array(json_object('category', s.category, 'n', s.n)) FROM (SELECT category, count(*) AS n FROM sensitive_facts f WHERE f.estate_id = h.estate_id AND f.household_id = h.id AND f.deleted_at IS NULL GROUP BY category) s)`;
  return `SELECT h.*, ${list('members', 'm', MEMBER_COLS, 'sort')} AS members_json, ${list('pets', 'p', PET_COLS, 'id')} AS pets_json, ${list('vehicles', 'v', VEHICLE_COLS, 'id')} AS vehicles_json, ${sensitive} AS sensitive_json FROM households h WHERE h.id = ${pg ? '$1' : '?'}`;
}
const WHOLE_SQL = { pg: wholeSql(true), sqlite: wholeSql(false) };

/**
 * A household with its members, pets, vehicles and sensitive-fact counts in ONE query: the
 * archive page is the hottest read. Each engine gets its own JSON aggregation SQL.
 */
export async function findHouseholdWhole(db: Kysely<DB>, id: string) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const r = await db.executeQuery<any>(CompiledQuery.raw(pg ? WHOLE_SQL.pg : WHOLE_SQL.sqlite, [id]));
  const row = r.rows[0];
  if (!row) return undefined;
  const { members_json, pets_json, vehicles_json, sensitive_json, ...household } = row;
  return {
    row: household,
    members: fromJson<any[]>(members_json, []),
    pets: fromJson<any[]>(pets_json, []),
    vehicles: fromJson<any[]>(vehicles_json, []),
    sensitive: fromJson<{ category: string; n: number }[]>(sensitive_json, []),
  };
}

export function findHouseholdByRoom(db: Kysely<DB>, estateId: string, roomId: string) {
  return db
    .selectFrom('households')
    .select(['id'])
    .where('estate_id', '=', estateId)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
}

export function listMembers(db: Kysely<DB>, estateId: string, householdIds: string[]) {
  if (!householdIds.length) return Promise.resolve([]);
  return db
    .selectFrom('members')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', 'in', householdIds)
    .orderBy('sort')
    .execute();
}

export function listPrimaryMembers(db: Kysely<DB>, estateIds: string[], householdIds: string[]) {
  if (!householdIds.length) return Promise.resolve([]);
  return db
    .selectFrom('members')
    .select(['household_id', 'phone'])
    .where(
      estateIds.length === 1
        ? (eb) => eb('estate_id', '=', estateIds[0]!)
        : (eb) => eb('estate_id', 'in', estateIds),
    )
    .where('household_id', 'in', householdIds)
    .where('is_primary', '=', 1)
    .execute();
}

export function listPets(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('pets')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

export function listVehicles(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('vehicles')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

export function countSensitiveByCategory(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('sensitive_facts')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .groupBy('category')
    .execute();
}

export interface ListFilter {
  estateIds: string[];
  buildingId?: string;
  occupancy?: string;
  careFlag?: string;
  /** Candidate ids from a search; undefined = no search. */
  ids?: string[];
  after?: [string, string];
  limit: number;
}

/** A page of households in natural room order, keyset-paginated on (room_sort, id). */
export async function listHouseholds(db: Kysely<DB>, f: ListFilter) {
  if (f.ids) return listByIds(db, f);
  // With one estate, '=' lets both engines walk the (estate_id, room_sort, id) index in order.
  let q = db
    .selectFrom('households')
    .selectAll()
    .where(
      f.estateIds.length === 1
        ? (eb) => eb('estate_id', '=', f.estateIds[0]!)
        : (eb) => eb('estate_id', 'in', f.estateIds),
    );
  if (f.buildingId) q = q.where('building_id', '=', f.buildingId);
  if (f.occupancy) q = q.where('occupancy', '=', f.occupancy);
  if (f.careFlag) q = q.where('care_flags', 'like', `%"${f.careFlag}"%`);
  if (f.after) {
    const [sort, id] = f.after;
    q = q.where((eb) =>
      eb.or([eb('room_sort', '>', sort), eb.and([eb('room_sort', '=', sort), eb('id', '>', id)])]),
    );
  }
  return q
    .orderBy('room_sort')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Search results: the candidate ids are known (at most a few thousand), so look them up by id,
 * order and cut the page in memory, and only then read the full rows of that page. Letting the
 * planner walk the room-order index while filtering by id would scan the whole estate.
 */
async function listByIds(db: Kysely<DB>, f: ListFilter) {
  const ids = f.ids!;
  if (!ids.length) return [];
  const keys: {
    id: string;
    room_sort: string;
    estate_id: string;
    building_id: string;
    occupancy: string;
    care_flags: unknown;
  }[] = [];
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900);
    keys.push(
      ...(await db
        .selectFrom('households')
        .select(['id', 'room_sort', 'estate_id', 'building_id', 'occupancy', 'care_flags'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  const flag = f.careFlag ? `"${f.careFlag}"` : undefined;
  const after = f.after;
  const page = keys
    .filter(
      (k) =>
        f.estateIds.includes(k.estate_id) &&
        (!f.buildingId || k.building_id === f.buildingId) &&
        (!f.occupancy || k.occupancy === f.occupancy) &&
        (!flag ||
          String(typeof k.care_flags === 'string' ? k.care_flags : JSON.stringify(k.care_flags)).includes(
            flag,
          )) &&
        (!after || k.room_sort > after[0] || (k.room_sort === after[0] && k.id > after[1])),
    )
    .sort((a, b) => (a.room_sort < b.room_sort ? -1 : a.room_sort > b.room_sort ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, f.limit + 1);
  if (!page.length) return [];
  const rows = await db
    .selectFrom('households')
    .selectAll()
    .where(
      'id',
      'in',
      page.map((k) => k.id),
    )
    .execute();
  const order = new Map(page.map((k, i) => [k.id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

const CAP = 5000;

/** Households whose room matches (any of the parts given). */
export async function idsByRoom(
  db: Kysely<DB>,
  estateIds: string[],
  r: { building?: string; unit?: string; room?: string },
) {
  if (r.building && r.unit && r.room) {
    return (
      await db
        .selectFrom('households')
        .select('id')
        .where('estate_id', 'in', estateIds)
        .where('room_code', '=', `${r.building}-${r.unit}-${r.room}`)
        .execute()
    ).map((x) => x.id);
  }
  let q = db
    .selectFrom('rooms')
    .innerJoin('households', (j) =>
      j.onRef('households.estate_id', '=', 'rooms.estate_id').onRef('households.room_id', '=', 'rooms.id'),
    )
    .select('households.id')
    .where('rooms.estate_id', 'in', estateIds);
  if (r.building) {
    // Range on the code prefix ("3-" ≤ code < "3.") keeps the index usable on both engines.
    q = q.where('rooms.room_code', '>=', `${r.building}-`).where('rooms.room_code', '<', `${r.building}.`);
    if (r.unit)
      q = q
        .where('rooms.room_code', '>=', `${r.building}-${r.unit}-`)
        .where('rooms.room_code', '<', `${r.building}-${r.unit}.`);
  }
  if (r.room) q = q.where('rooms.number', '=', r.room);
  return (await q.limit(CAP).execute()).map((x) => x.id);
}

/** Households with a member whose name starts with the text. */
export async function idsByName(db: Kysely<DB>, estateIds: string[], name: string) {
  const rows = await db
    .selectFrom('members')
    .select('household_id')
    .where('estate_id', 'in', estateIds)
    .where('name', '>=', name)
    .where('name', '<', `${name}\uffff`)
    .limit(CAP)
    .execute();
  return rows.map((r) => r.household_id);
}

/** Households with a member whose phone ends with the digits (4 or more). */
export async function idsByPhone(db: Kysely<DB>, estateIds: string[], digits: string) {
  const q = db
    .selectFrom('members')
    .select(['household_id', 'phone'])
    .where('estate_id', 'in', estateIds)
    .where('phone_suffix', '=', digits.slice(-4));
  const rows = await q.limit(CAP).execute();
  return rows.filter((r) => (r.phone ?? '').replace(/\D/g, '').endsWith(digits)).map((r) => r.household_id);
}

export async function idsByTag(db: Kysely<DB>, estateIds: string[], tag: string) {
  const rows = await db
    .selectFrom('household_tags')
    .select('household_id')
    .where('estate_id', 'in', estateIds)
    .where('tag', '=', tag)
    .limit(CAP)
    .execute();
  return rows.map((r) => r.household_id);
}

/** Active sensitive facts of a household by category: the archive shows these counts. */
export async function sensitiveCounts(db: Kysely<DB>, estateId: string, householdId: string) {
  const rows = await countSensitiveByCategory(db, estateId, householdId);
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)])) as Record<string, number>;
}

/** One entry of an archive's history: who changed what (old → new) into which version. */
export function insertChange(
  trx: Kysely<DB>,
  c: {
    estateId: string;
    householdId: string;
    actor: { id: string; displayName: string };
    at: string;
    version: number;
    changes: { field: string; old: unknown; new: unknown }[];
  },
) {
  return trx
    .insertInto('household_changes')
    .values({
      estate_id: c.estateId,
      id: newId(),
      household_id: c.householdId,
      at: c.at,
      actor_id: c.actor.id,
      actor_name: c.actor.displayName,
      version: c.version,
      changes: JSON.stringify(c.changes),
    })
    .execute();
}

/**
 * A change to an archive made beside its form (sensitive facts): raises the household's version,
 * which names what the archive shows (its ETag, the archive cache), and writes the history entry.
 */
export async function recordArchiveChange(
  trx: Kysely<DB>,
  c: Omit<Parameters<typeof insertChange>[1], 'version'>,
) {
  const { version } = await trx
    .updateTable('households')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: c.at, updated_by: c.actor.id }))
    .where('estate_id', '=', c.estateId)
    .where('id', '=', c.householdId)
    .returning('version')
    .executeTakeFirstOrThrow();
  await insertChange(trx, { ...c, version: Number(version) });
}

/** Sensitive-fact counts before → after, as history changes (`sensitive.<category>`); counts only. */
export function sensitiveCountChanges(before: Record<string, number>, after: Record<string, number>) {
  const categories = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return categories
    .filter((k) => (before[k] ?? 0) !== (after[k] ?? 0))
    .map((k) => ({ field: `sensitive.${k}`, old: before[k] ?? 0, new: after[k] ?? 0 }));
}

export function listChanges(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('household_changes')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export function listCustomFieldDefs(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('custom_field_defs')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('sort')
    .orderBy('key')
    .execute();
}

export function listConsents(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .orderBy('granted_at', 'desc')
    .execute();
}

export function listSensitiveFacts(
  db: Kysely<DB>,
  estateId: string,
  householdId: string,
  categories: string[],
) {
  if (!categories.length) return Promise.resolve([]);
  return db
    .selectFrom('sensitive_facts')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('category', 'in', categories)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}
