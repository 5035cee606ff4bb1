import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { TipRow, TipsTable } from './tip.table.js';

// Every SQL statement of the tips library.

export function listTips(
  db: Kysely<DB>,
  f: { estateId: string; category?: string; season?: string; active?: boolean },
): Promise<TipRow[]> {
  let q = db.selectFrom('tips').selectAll().where('estate_id', '=', f.estateId);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.season) q = q.where('season', '=', f.season);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  return q.orderBy('category').orderBy('season').orderBy('created_at').orderBy('id').execute();
}

export function getTip(db: Kysely<DB>, id: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getTipIn(db: Kysely<DB>, estateId: string, id: string): Promise<TipRow | undefined> {
  return db
    .selectFrom('tips')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active tips for a season and solar term: that term's, the season's, and any season's. */
export function proposable(
  db: Kysely<DB>,
  estateId: string,
  season: string,
  term: string,
): Promise<TipRow[]> {
  return db
    .selectFrom('tips')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('solar_term', '=', term),
        eb.and([eb('solar_term', 'is', null), eb.or([eb('season', '=', season), eb('season', 'is', null)])]),
      ]),
    )
    .orderBy('category')
    .orderBy('id')
    .execute();
}

export async function insertTip(db: Kysely<DB>, row: Insertable<TipsTable>): Promise<void> {
  await db.insertInto('tips').values(row).execute();
}

/** Inserts starter tips; a seed key the estate has is skipped. Returns how many were new. */
export async function insertSeedTips(db: Kysely<DB>, rows: Insertable<TipsTable>[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await db
    .insertInto('tips')
    .values(rows)
    .onConflict((oc) => oc.columns(['estate_id', 'seed_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Optimistic update: applied only at the given version (then version + 1). */
export async function updateTip(
  db: Kysely<DB>,
  estateId: string,
  id: string,
  version: number,
  set: Partial<Record<keyof TipsTable, unknown>>,
): Promise<boolean> {
  return updateAtVersion(db, 'tips', { estateId, id, version }, set as Updateable<TipsTable>);
}

export function estateZone(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('estates').select(['id', 'time_zone']).where('id', '=', estateId).executeTakeFirst();
}
