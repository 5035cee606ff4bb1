import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { BoardGreetingsTable, BoardNoticesTable } from './board.table.js';

type Db = Kysely<DB>;

// ---------------------------------------------------------------- weather

export function findSource(db: Db, estateId: string) {
  return db.selectFrom('weather_sources').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
}

/** The display name of the account that last edited the source (the console shows a name, not an id). */
export async function editorName(db: Db, accountId: string | null): Promise<string | null> {
  if (!accountId) return null;
  const r = await db
    .selectFrom('accounts')
    .select('display_name')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return r?.display_name ?? null;
}

/** Estates whose forecast comes from a provider (the refresh job visits these). */
export async function estatesWithProvider(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('weather_sources')
    .select('estate_id')
    .where('provider', '<>', 'manual')
    .execute();
  return rows.map((r) => r.estate_id);
}

export async function upsertSource(
  db: Db,
  row: {
    estate_id: string;
    provider: string;
    config: string;
    location: string | null;
    at: string;
    by: string;
  },
) {
  await db
    .insertInto('weather_sources')
    .values({
      estate_id: row.estate_id,
      provider: row.provider,
      config: row.config,
      location: row.location,
      last_error: null,
      last_error_at: null,
      created_at: row.at,
      updated_at: row.at,
      created_by: row.by,
      updated_by: row.by,
    })
    .onConflict((oc) =>
      oc.column('estate_id').doUpdateSet((eb) => ({
        provider: row.provider,
        config: row.config,
        location: row.location,
        last_error: null,
        last_error_at: null,
        updated_at: row.at,
        updated_by: row.by,
        version: eb(eb.ref('weather_sources.version'), '+', 1),
      })),
    )
    .execute();
}

export async function markSourceError(db: Db, estateId: string, error: string | null, at: string | null) {
  await db
    .updateTable('weather_sources')
    .set({ last_error: error, last_error_at: at })
    .where('estate_id', '=', estateId)
    .execute();
}

export function findCache(db: Db, estateId: string, date: string) {
  return db
    .selectFrom('weather_cache')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function upsertCache(
  db: Db,
  rows: { estate_id: string; date: string; fetched_at: string; source: string; forecast: string }[],
) {
  // One statement per day: a batch upsert with excluded.* differs between engines.
  for (const r of rows)
    await db
      .insertInto('weather_cache')
      .values(r)
      .onConflict((oc) =>
        oc
          .columns(['estate_id', 'date'])
          .doUpdateSet({ fetched_at: r.fetched_at, source: r.source, forecast: r.forecast }),
      )
      .execute();
}

export function findManual(db: Db, estateId: string, date: string) {
  return db
    .selectFrom('weather_manual')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function upsertManual(
  db: Db,
  r: {
    estate_id: string;
    date: string;
    entered_by: string;
    entered_by_name: string | null;
    entered_at: string;
    forecast: string;
  },
) {
  await db
    .insertInto('weather_manual')
    .values(r)
    .onConflict((oc) =>
      oc.columns(['estate_id', 'date']).doUpdateSet({
        entered_by: r.entered_by,
        entered_by_name: r.entered_by_name,
        entered_at: r.entered_at,
        forecast: r.forecast,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------- entrances and estates

export function findEntranceByToken(db: Db, token: string) {
  return db
    .selectFrom('entrances')
    .innerJoin('estates', 'estates.id', 'entrances.estate_id')
    .select([
      'entrances.estate_id',
      'entrances.id',
      'entrances.name',
      'estates.name as estate_name',
      'estates.name_en as estate_name_en',
      'estates.city',
      'estates.time_zone',
    ])
    .where('entrances.board_token', '=', token)
    .executeTakeFirst();
}

export function listEntrances(db: Db, estateId: string) {
  return db
    .selectFrom('entrances')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('is_main', 'desc')
    .orderBy('name')
    .execute();
}

export function findEstate(db: Db, estateId: string) {
  return db
    .selectFrom('estates')
    .select(['id', 'name', 'city', 'time_zone'])
    .where('id', '=', estateId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- notices

export function listNotices(db: Db, estateId: string, activeOn?: string) {
  let q = db.selectFrom('board_notices').selectAll().where('estate_id', '=', estateId);
  if (activeOn)
    q = q.where('active', '=', 1).where('from_date', '<=', activeOn).where('to_date', '>=', activeOn);
  return q.orderBy('from_date', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/** Notices shown on a date at an entrance: the estate's (no entrance) and that entrance's own. */
export function noticesFor(db: Db, estateId: string, entranceId: string, date: string) {
  return db
    .selectFrom('board_notices')
    .select(['id', 'kind', 'text_zh', 'text_en'])
    .where('estate_id', '=', estateId)
    .where('active', '=', 1)
    .where('from_date', '<=', date)
    .where('to_date', '>=', date)
    .where((eb) => eb.or([eb('entrance_id', 'is', null), eb('entrance_id', '=', entranceId)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(20)
    .execute();
}

export function findNotice(db: Db, estateId: string, id: string) {
  return db
    .selectFrom('board_notices')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertNotice(db: Db, row: Insertable<BoardNoticesTable>) {
  await db.insertInto('board_notices').values(row).execute();
}

/** Applies a change when the version matches; false when it does not (412). */
export async function updateNotice(
  db: Db,
  estateId: string,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'board_notices',
    { estateId, id, version },
    set as Updateable<BoardNoticesTable>,
  );
}

// ---------------------------------------------------------------- greetings

export function listGreetings(db: Db, estateId: string) {
  return db
    .selectFrom('board_greetings')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

export function findGreeting(db: Db, estateId: string, id: string) {
  return db
    .selectFrom('board_greetings')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertGreeting(db: Db, row: Insertable<BoardGreetingsTable>) {
  await db.insertInto('board_greetings').values(row).execute();
}

export async function updateGreeting(
  db: Db,
  estateId: string,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'board_greetings',
    { estateId, id, version },
    set as Updateable<BoardGreetingsTable>,
  );
}
