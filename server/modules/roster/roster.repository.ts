import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DutyExceptionsTable, DutyPatternsTable } from './roster.table.js';

/** Every SQL statement of the duty roster module; each function takes a Kysely or a transaction. */

export type PatternRow = Selectable<DutyPatternsTable>;
export type ExceptionRow = Selectable<DutyExceptionsTable>;

export { estateTimeZone } from '../estates/index.js';

export function listTeams(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'code', 'name', 'name_en'])
    .where('estate_id', '=', estateId)
    .orderBy('code')
    .execute();
}

/** Active staff of an estate (optionally one team, or some accounts) with their team and skills. */
export function listStaff(
  db: Kysely<DB>,
  estateId: string,
  f: { team?: string; accountIds?: string[] } = {},
) {
  let q = db
    .selectFrom('staff_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('teams as t', (j) => j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'))
    .select(['a.id', 'a.display_name', 'a.role', 's.position', 's.skills', 't.code as team_code'])
    .where('s.estate_id', '=', estateId)
    .where('a.status', '=', 'active')
    .where('a.role', '!=', 'resident');
  if (f.team) q = q.where('t.code', '=', f.team);
  if (f.accountIds) {
    if (!f.accountIds.length) return Promise.resolve([]);
    q = q.where('a.id', 'in', f.accountIds);
  }
  return q.orderBy('s.position').orderBy('a.display_name').orderBy('a.id').execute();
}

export function listPatterns(db: Kysely<DB>, estateId: string, accountIds: string[]): Promise<PatternRow[]> {
  if (!accountIds.length) return Promise.resolve([]);
  return db
    .selectFrom('duty_patterns')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('account_id', 'in', accountIds)
    .execute();
}

export function findPattern(db: Kysely<DB>, estateId: string, accountId: string) {
  return db
    .selectFrom('duty_patterns')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Creates a pattern unless one exists (a concurrent first edit): returns whether this one did. */
export async function insertPattern(db: Kysely<DB>, row: Insertable<DutyPatternsTable>): Promise<boolean> {
  const r = await db
    .insertInto('duty_patterns')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'account_id']).doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Replaces a pattern if it is still at `version`: returns whether this one won. */
export async function replacePattern(
  db: Kysely<DB>,
  key: { estateId: string; accountId: string; version: number },
  set: { shifts: string; updated_at: string; updated_by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('duty_patterns')
    .set({ ...set, version: key.version + 1 })
    .where('estate_id', '=', key.estateId)
    .where('account_id', '=', key.accountId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Exceptions of local days [fromDay, toDay), optionally of some accounts. */
export function listExceptions(
  db: Kysely<DB>,
  estateId: string,
  fromDay: string,
  toDay: string,
  accountIds?: string[],
): Promise<ExceptionRow[]> {
  let q = db
    .selectFrom('duty_exceptions')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('day', '>=', fromDay)
    .where('day', '<', toDay);
  if (accountIds) {
    if (!accountIds.length) return Promise.resolve([]);
    q = q.where('account_id', 'in', accountIds);
  }
  return q.orderBy('day').orderBy('start_minute').orderBy('id').execute();
}

export async function insertException(db: Kysely<DB>, row: Insertable<DutyExceptionsTable>): Promise<void> {
  await db.insertInto('duty_exceptions').values(row).execute();
}

export function findException(db: Kysely<DB>, estateId: string, id: string) {
  return db
    .selectFrom('duty_exceptions')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteException(db: Kysely<DB>, estateId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('duty_exceptions')
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
