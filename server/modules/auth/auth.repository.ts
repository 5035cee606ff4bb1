import type { Kysely } from 'kysely';
import { arg, prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema.js';

/** Finds an account by username or phone. */
export function findAccountByLogin(db: Kysely<DB>, login: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('phone', '=', login)]))
    .executeTakeFirst();
}

export function findAccountById(db: Kysely<DB>, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAccounts(db: Kysely<DB>) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('role', '!=', 'resident')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function listAssignments(db: Kysely<DB>, accountIds: string[]) {
  if (!accountIds.length) return Promise.resolve([]);
  return db.selectFrom('staff_assignments').selectAll().where('account_id', 'in', accountIds).execute();
}

export function listAllEstateIds(db: Kysely<DB>) {
  return db.selectFrom('estates').select('id').orderBy('code').execute();
}

export function countRecentFailures(db: Kysely<DB>, ip: string, since: string) {
  return db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
}

export function insertLoginAttempt(
  db: Kysely<DB>,
  row: { id: string; at: string; ip: string; login: string; success: number },
) {
  return db.insertInto('login_attempts').values(row).execute();
}

/** Session with its account in one query: the hot path of every authenticated request. */
const sessionQuery = prepared((db) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.estate_ids',
      'accounts.id',
      'accounts.role',
      'accounts.display_name',
      'accounts.status',
      'accounts.username',
    ])
    .where('sessions.id', '=', arg(0)),
);
export async function findSession(db: Kysely<DB>, id: string) {
  return (await sessionQuery(db, id))[0];
}

const assignmentsQuery = prepared((db) =>
  db.selectFrom('staff_assignments').select('estate_id').where('account_id', '=', arg(0)),
);
/** The estates an account is assigned to (hot path: once per request). */
export function estateIdsOfAccount(db: Kysely<DB>, accountId: string) {
  return assignmentsQuery(db, accountId);
}

export function insertSession(
  db: Kysely<DB>,
  row: {
    estate_ids: string;
    id: string;
    account_id: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  },
) {
  return db.insertInto('sessions').values(row).execute();
}

export function touchSession(db: Kysely<DB>, id: string, at: string) {
  return db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export function deleteSession(db: Kysely<DB>, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfAccount(db: Kysely<DB>, accountId: string) {
  return db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export function deleteExpiredSessions(db: Kysely<DB>, now: string) {
  return db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

/** Keeps live sessions in step with the account's estates (after an admin changes them). */
export function setSessionEstates(db: Kysely<DB>, accountId: string, estateIds: string[]) {
  return db
    .updateTable('sessions')
    .set({ estate_ids: JSON.stringify(estateIds) })
    .where('account_id', '=', accountId)
    .execute();
}
