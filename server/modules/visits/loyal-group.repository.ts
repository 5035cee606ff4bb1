import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Squad leaders assigned to an estate (optionally one of them), with their names. */
export function squadLeaders(db: Kysely<DB>, estateId: string, onlyId?: string) {
  let q = db
    .selectFrom('staff_assignments')
    .innerJoin('accounts', 'accounts.id', 'staff_assignments.account_id')
    .select(['accounts.id', 'accounts.display_name'])
    .where('staff_assignments.estate_id', '=', estateId)
    .where('accounts.role', '=', 'squad_leader');
  if (onlyId) q = q.where('accounts.id', '=', onlyId);
  return q.orderBy('accounts.display_name').execute();
}

/** Leaders who have a group in the estate (also those no longer squad leaders), with names. */
export function groupLeaders(db: Kysely<DB>, estateId: string, onlyId?: string) {
  let q = db
    .selectFrom('loyal_groups')
    .innerJoin('accounts', 'accounts.id', 'loyal_groups.leader_id')
    .select(['accounts.id', 'accounts.display_name'])
    .where('loyal_groups.estate_id', '=', estateId);
  if (onlyId) q = q.where('loyal_groups.leader_id', '=', onlyId);
  return q.execute();
}

export function members(db: Kysely<DB>, estateId: string, leaderIds: string[]) {
  if (!leaderIds.length) return Promise.resolve([]);
  return db
    .selectFrom('loyal_group_members')
    .innerJoin('households', (j) =>
      j
        .onRef('households.estate_id', '=', 'loyal_group_members.estate_id')
        .onRef('households.id', '=', 'loyal_group_members.household_id'),
    )
    .select([
      'loyal_group_members.leader_id',
      'loyal_group_members.household_id',
      'loyal_group_members.added_at',
      'households.room_code',
      'households.room_sort',
    ])
    .where('loyal_group_members.estate_id', '=', estateId)
    .where('loyal_group_members.leader_id', 'in', leaderIds)
    .orderBy('households.room_sort')
    .execute();
}

/** The membership of a household in its estate, with the leader's name. */
export function membership(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('loyal_group_members')
    .innerJoin('accounts', 'accounts.id', 'loyal_group_members.leader_id')
    .select(['loyal_group_members.leader_id', 'accounts.display_name'])
    .where('loyal_group_members.estate_id', '=', estateId)
    .where('loyal_group_members.household_id', '=', householdId)
    .executeTakeFirst();
}

/** Per leader and household: contacts since `since`, and the last contact ever. */
export function contactStats(db: Kysely<DB>, estateId: string, leaderIds: string[], since: string) {
  if (!leaderIds.length) return Promise.resolve([]);
  return db
    .selectFrom('loyal_group_contacts')
    .select((eb) => [
      'leader_id',
      'household_id',
      eb.fn.max('at').as('last_at'),
      eb.fn.sum<number>(eb.case().when('at', '>=', since).then(1).else(0).end()).as('recent'),
    ])
    .where('estate_id', '=', estateId)
    .where('leader_id', 'in', leaderIds)
    .groupBy(['leader_id', 'household_id'])
    .execute();
}

export async function ensureGroup(
  db: Kysely<DB>,
  estateId: string,
  leaderId: string,
  at: string,
  by: string,
): Promise<void> {
  await db
    .insertInto('loyal_groups')
    .values({ estate_id: estateId, leader_id: leaderId, created_at: at, created_by: by })
    .onConflict((oc) => oc.columns(['estate_id', 'leader_id']).doNothing())
    .execute();
}
