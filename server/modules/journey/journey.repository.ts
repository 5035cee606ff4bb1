import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

// Aggregate reads for the customer journey and the monthly report: one grouped query per source
// table, never one query per household (5,000 households stay a handful of round trips).

type Ts = Date | string | null;

/** Tags of the archive that mark an active volunteer (成就: the resident gives back). */
export const VOLUNTEER_TAGS = ['volunteer', '志愿者', '志愿者骨干'];

export async function estateOf(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('estates')
    .select(['id', 'name', 'name_en', 'time_zone'])
    .where('id', '=', estateId)
    .executeTakeFirst();
}

export async function householdRows(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('households')
    .select([
      'id',
      'room_code',
      'room_sort',
      'primary_name',
      'family_structure',
      'hobbies',
      'created_at',
      'updated_at',
    ])
    .where('estate_id', '=', estateId)
    .execute();
}

export async function householdsWithPhone(db: Kysely<DB>, estateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select('household_id')
    .distinct()
    .where('estate_id', '=', estateId)
    .where('phone', 'is not', null)
    .where('phone', '<>', '')
    .execute();
  return rows.map((r) => r.household_id);
}

export async function visitsByHousehold(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('visits')
    .select(['household_id', sql<Ts>`max(visited_at)`.as('last')])
    .where('estate_id', '=', estateId)
    .groupBy('household_id')
    .execute();
}

export async function requestsByHousehold(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('service_requests')
    .select([
      'household_id',
      sql<Ts>`max(created_at)`.as('last_created'),
      sql<Ts>`max(completed_at)`.as('last_completed'),
      sql<number | string>`sum(case when status = 'completed' then 1 else 0 end)`.as('completed'),
    ])
    .where('estate_id', '=', estateId)
    .where('household_id', 'is not', null)
    .groupBy('household_id')
    .execute();
}

/** Households with a problem raised on a visit whose service request was completed. */
export async function resolvedVisitProblems(db: Kysely<DB>, estateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('visit_problems as p')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.id', '=', 'p.visit_id').onRef('v.estate_id', '=', 'p.estate_id'),
    )
    .innerJoin('service_requests as r', (j) =>
      j.onRef('r.id', '=', 'p.request_id').onRef('r.estate_id', '=', 'p.estate_id'),
    )
    .select('v.household_id')
    .distinct()
    .where('p.estate_id', '=', estateId)
    .where('r.status', '=', 'completed')
    .execute();
  return rows.map((r) => r.household_id);
}

export async function ratingsByHousehold(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('rating_cards')
    .select([
      'household_id',
      sql<Ts>`max(submitted_at)`.as('last'),
      sql<number | string>`sum(case when overall >= 4 then 1 else 0 end)`.as('high'),
    ])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'submitted')
    .where('household_id', 'is not', null)
    .groupBy('household_id')
    .execute();
}

export async function loyalMembers(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('loyal_group_members')
    .select(['household_id', 'added_at'])
    .where('estate_id', '=', estateId)
    .execute();
}

export async function loyalContacts(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('loyal_group_contacts')
    .select(['household_id', sql<Ts>`max(at)`.as('last')])
    .where('estate_id', '=', estateId)
    .groupBy('household_id')
    .execute();
}

export async function volunteers(db: Kysely<DB>, estateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('household_tags')
    .select('household_id')
    .distinct()
    .where('estate_id', '=', estateId)
    .where('tag', 'in', VOLUNTEER_TAGS)
    .execute();
  return rows.map((r) => r.household_id);
}

// --- Monthly report figures (counts only, no personal data) ---

export async function visitCountsByKind(db: Kysely<DB>, estateId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('visits')
    .select(['kind', sql<number | string>`count(*)`.as('n')])
    .where('estate_id', '=', estateId)
    .where('visited_at', '>=', from)
    .where('visited_at', '<', to)
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** Requests taken in the month, and requests completed in the month with their timings. */
export async function requestRows(db: Kysely<DB>, estateId: string, from: string, to: string) {
  return db
    .selectFrom('service_requests')
    .select(['created_at', 'accepted_at', 'completed_at', 'status', 'charge_kind'])
    .where('estate_id', '=', estateId)
    .where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]),
        eb.and([eb('completed_at', '>=', from), eb('completed_at', '<', to)]),
      ]),
    )
    .execute();
}

export async function ratingRows(db: Kysely<DB>, estateId: string, from: string, to: string) {
  return db
    .selectFrom('rating_cards')
    .select(['id', 'punctuality', 'attitude', 'skill', 'tidiness', 'overall', 'comment'])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'submitted')
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .execute();
}

/** Low-score revisits (T4) of the cards rated in the month. */
export async function lowScoreRevisits(db: Kysely<DB>, estateId: string, from: string, to: string) {
  return db
    .selectFrom('revisits as v')
    .innerJoin('rating_cards as c', (j) =>
      j.onRef('c.id', '=', 'v.card_id').onRef('c.estate_id', '=', 'v.estate_id'),
    )
    .select(['v.card_id', 'v.status', 'v.due_at', 'v.completed_at'])
    .where('v.estate_id', '=', estateId)
    .where('v.kind', '=', 'low_score')
    .where('c.submitted_at', '>=', from)
    .where('c.submitted_at', '<', to)
    .execute();
}
