import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CalendarDaysTable, PlateOverridesTable, PlateRulesTable } from './calendar.table.js';

// Every SQL statement of the calendar module. Dates are YYYY-MM-DD text: ranges compare as text.

export function findDay(db: Kysely<DB>, date: string) {
  return db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
}

/** Entries from `from` to `to` inclusive, by date. */
export function listDays(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}

/** Holiday and workday counts between two dates. */
export async function countDays(db: Kysely<DB>, from: string, to: string) {
  const rows = await db
    .selectFrom('calendar_days')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('kind')
    .execute();
  const n = (k: string) => Number(rows.find((r) => r.kind === k)?.n ?? 0);
  return { holidays: n('holiday'), workdays: n('workday') };
}

/** Every entry (the seed compares them with the library's data: about a thousand rows). */
export function allDays(db: Kysely<DB>) {
  return db
    .selectFrom('calendar_days')
    .select([
      'date',
      'kind',
      'name',
      'name_en',
      'source',
      'library_kind',
      'library_name',
      'library_name_en',
      'version',
    ])
    .execute();
}

/**
 * Inserts entries; a date already present is left alone (safe with two processes seeding).
 * Returns how many rows were inserted.
 */
export async function insertDaysIfMissing(
  db: Kysely<DB>,
  rows: Insertable<CalendarDaysTable>[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('calendar_days')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('date').doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** Updates an entry when it still has `version` (any version when omitted); returns rows changed. */
export async function updateDay(
  db: Kysely<DB>,
  date: string,
  set: Updateable<CalendarDaysTable>,
  version?: number,
): Promise<number> {
  let q = db.updateTable('calendar_days').set(set).where('date', '=', date);
  if (version !== undefined) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteDay(db: Kysely<DB>, date: string, version: number): Promise<number> {
  const r = await db
    .deleteFrom('calendar_days')
    .where('date', '=', date)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---------------------------------------------------------------- plate rules

export function listRules(db: Kysely<DB>) {
  return db.selectFrom('plate_rules').selectAll().orderBy('city').execute();
}

export function findRule(db: Kysely<DB>, city: string) {
  return db.selectFrom('plate_rules').selectAll().where('city', '=', city).executeTakeFirst();
}

/** Inserts a rule unless the city has one; returns whether it was inserted. */
export async function insertRuleIfMissing(
  db: Kysely<DB>,
  row: Insertable<PlateRulesTable>,
): Promise<boolean> {
  const r = await db
    .insertInto('plate_rules')
    .values(row)
    .onConflict((oc) => oc.column('city').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function insertRule(db: Kysely<DB>, row: Insertable<PlateRulesTable>) {
  return db.insertInto('plate_rules').values(row).execute();
}

/** Updates a rule still at `version`; returns rows changed (0 when someone else changed it). */
export async function updateRule(
  db: Kysely<DB>,
  city: string,
  version: number,
  set: Updateable<PlateRulesTable>,
): Promise<number> {
  const r = await db
    .updateTable('plate_rules')
    .set({ ...set, version: version + 1 })
    .where('city', '=', city)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Overrides of the given cities (all when omitted) from a date on, by date. */
export function listOverrides(db: Kysely<DB>, from: string, cities?: string[]) {
  let q = db.selectFrom('plate_overrides').selectAll().where('date', '>=', from);
  if (cities) q = q.where('city', 'in', cities.length ? cities : ['']);
  return q.orderBy('city').orderBy('date').limit(2000).execute();
}

export function findOverride(db: Kysely<DB>, city: string, date: string) {
  return db
    .selectFrom('plate_overrides')
    .selectAll()
    .where('city', '=', city)
    .where('date', '=', date)
    .executeTakeFirst();
}

/** Inserts an override; returns false when the date already has one. */
export async function insertOverride(db: Kysely<DB>, row: Insertable<PlateOverridesTable>): Promise<boolean> {
  const r = await db
    .insertInto('plate_overrides')
    .values(row)
    .onConflict((oc) => oc.columns(['city', 'date']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteOverride(db: Kysely<DB>, city: string, date: string): Promise<number> {
  const r = await db
    .deleteFrom('plate_overrides')
    .where('city', '=', city)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Estates with their city and time zone (the plate reminder job runs over all of them). */
export function estatesForReminders(db: Kysely<DB>) {
  return db.selectFrom('estates').select(['id', 'name', 'city', 'time_zone']).orderBy('id').execute();
}

/**
 * Vehicles whose household opted in to restriction reminders, with the member to tell: the
 * household's first member (owner first) who has a phone.
 */
export async function reminderVehicles(db: Kysely<DB>, estateId: string) {
  const vehicles = await db
    .selectFrom('vehicles')
    .select(['id', 'household_id', 'plate', 'tail_digit'])
    .where('estate_id', '=', estateId)
    .where('restriction_reminder', '=', 1)
    .orderBy('id')
    .execute();
  if (!vehicles.length) return [];
  const members = await db
    .selectFrom('members')
    .select(['id', 'household_id', 'name', 'sort'])
    .where('estate_id', '=', estateId)
    .where('household_id', 'in', [...new Set(vehicles.map((v) => v.household_id))])
    .where('phone', 'is not', null)
    .orderBy('household_id')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const first = new Map<string, { id: string; name: string }>();
  for (const m of members) if (!first.has(m.household_id)) first.set(m.household_id, m);
  return vehicles.map((v) => ({ ...v, member: first.get(v.household_id) ?? null }));
}
