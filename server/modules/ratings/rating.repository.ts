import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RatingCardsTable, RevisitsTable } from './rating.table.js';

/** Every SQL statement of the ratings module; each function takes a Kysely or a transaction. */

export type CardRow = Selectable<RatingCardsTable>;
export type RevisitRow = Selectable<RevisitsTable>;

/** A request joined with its catalog entry's card and revisit settings (read-only join). */
export function findRequestForCard(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('service_requests as r')
    .innerJoin('service_catalog as c', (j) =>
      j.onRef('c.estate_id', '=', 'r.estate_id').onRef('c.id', '=', 'r.catalog_id'),
    )
    .select([
      'r.estate_id',
      'r.id',
      'r.status',
      'r.household_id',
      'r.room_code',
      'r.team_code',
      'r.service_name_zh',
      'r.service_name_en',
      'r.taken_by',
      'r.taken_by_name',
      'r.assignee_id',
      'r.assignee_name',
      'r.completed_at',
      'c.supervision_card',
      'c.revisit_policy',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RequestForCard = NonNullable<Awaited<ReturnType<typeof findRequestForCard>>>;

/**
 * Completed requests since `since` still missing a card (of an entry that offers one) or a
 * routine revisit: the sweep that makes card creation independent of the completion path.
 */
export async function completedWithoutFollowUp(db: Kysely<DB>, estateId: string, since: string) {
  const rows = await db
    .selectFrom('service_requests as r')
    .innerJoin('service_catalog as c', (j) =>
      j.onRef('c.estate_id', '=', 'r.estate_id').onRef('c.id', '=', 'r.catalog_id'),
    )
    .leftJoin('rating_cards as k', (j) =>
      j.onRef('k.estate_id', '=', 'r.estate_id').onRef('k.request_id', '=', 'r.id'),
    )
    .leftJoin('revisits as v', (j) =>
      j
        .onRef('v.estate_id', '=', 'r.estate_id')
        .onRef('v.request_id', '=', 'r.id')
        .on('v.kind', '=', 'routine_30d'),
    )
    .select(['r.id', 'c.supervision_card', 'c.revisit_policy', 'k.id as card_id', 'v.id as revisit_id'])
    .where('r.estate_id', '=', estateId)
    .where('r.status', '=', 'completed')
    .where('r.completed_at', '>=', since)
    .where((eb) =>
      eb.or([eb.and([eb('k.id', 'is', null), eb('c.supervision_card', '=', 1)]), eb('v.id', 'is', null)]),
    )
    .execute();
  return rows;
}

/** The team code of an account in an estate (null when it has none). */
export async function teamOf(db: Kysely<DB>, estateId: string, accountId: string): Promise<string | null> {
  const r = await db
    .selectFrom('staff_assignments as s')
    .leftJoin('teams as t', (j) => j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'))
    .select('t.code')
    .where('s.estate_id', '=', estateId)
    .where('s.account_id', '=', accountId)
    .executeTakeFirst();
  return r?.code ?? null;
}

/** The teams (codes) of an account in each of its estates. */
export function teamsOf(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('staff_assignments as s')
    .innerJoin('teams as t', (j) =>
      j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'),
    )
    .select(['s.estate_id as estateId', 't.code as teamCode'])
    .where('s.account_id', '=', accountId)
    .execute();
}

/**
 * Supervisor candidates for a team: its members who dispatch (squad leader, environment
 * supervisor) first, then the estate's managers; active staff only, stable order.
 */
export async function supervisorOf(db: Kysely<DB>, estateId: string, teamCode: string) {
  const rows = await db
    .selectFrom('staff_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('teams as t', (j) => j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'))
    .select(['a.id', 'a.display_name', 'a.role', 't.code as team_code'])
    .where('s.estate_id', '=', estateId)
    .where('a.status', '=', 'active')
    .where('a.role', 'in', ['squad_leader', 'env_supervisor', 'manager'])
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute();
  return (
    rows.find((r) => r.team_code === teamCode && r.role !== 'manager') ??
    rows.find((r) => r.role === 'manager')
  );
}

export function estateName(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('estates')
    .select(['name', 'name_en', 'time_zone'])
    .where('id', '=', estateId)
    .executeTakeFirst();
}

// ── cards ──────────────────────────────────────────────────────────────────────────────────

/** Inserts a card unless the request already has one; true when this call created it. */
export async function insertCard(db: Kysely<DB>, row: Insertable<RatingCardsTable>): Promise<boolean> {
  const r = await db
    .insertInto('rating_cards')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'request_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findCard(db: Kysely<DB>, id: string): Promise<CardRow | undefined> {
  return db.selectFrom('rating_cards').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCardOfRequest(db: Kysely<DB>, estateId: string, requestId: string) {
  return db
    .selectFrom('rating_cards')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export async function insertLink(
  db: Kysely<DB>,
  row: {
    estate_id: string;
    token_hash: string;
    card_id: string;
    channel: string;
    issued_at: string;
    issued_by: string | null;
  },
) {
  await db.insertInto('rating_card_links').values(row).execute();
}

/** The card a token (by its hash) opens. */
export function findCardByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('rating_card_links as l')
    .innerJoin('rating_cards as k', (j) =>
      j.onRef('k.estate_id', '=', 'l.estate_id').onRef('k.id', '=', 'l.card_id'),
    )
    .selectAll('k')
    .where('l.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records the scores if the card is still pending and unexpired; true when this call won. */
export async function submitCard(
  db: Kysely<DB>,
  key: { estateId: string; id: string; now: string },
  set: Updateable<RatingCardsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('rating_cards')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('estate_id', '=', key.estateId)
    .where('id', '=', key.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', key.now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a reply if the card has none yet; true when this call won. */
export async function replyCard(
  db: Kysely<DB>,
  key: { estateId: string; id: string },
  set: Updateable<RatingCardsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('rating_cards')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('estate_id', '=', key.estateId)
    .where('id', '=', key.id)
    .where('replied_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CardFilter {
  estateId: string;
  status?: 'submitted' | 'pending' | 'comment_unreplied';
  team?: string;
  /** Only the card of this service request. */
  requestId?: string;
  /** Non-dispatchers: only their teams' cards and their own jobs. */
  visibleTo?: { actorId: string; teams: string[] };
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first; keyset pagination on (created_at, id). */
export function listCards(db: Kysely<DB>, f: CardFilter): Promise<CardRow[]> {
  let q = db.selectFrom('rating_cards').selectAll().where('estate_id', '=', f.estateId);
  if (f.status === 'submitted') q = q.where('status', '=', 'submitted');
  if (f.status === 'pending') q = q.where('status', '=', 'pending');
  if (f.status === 'comment_unreplied')
    q = q.where('status', '=', 'submitted').where('comment', 'is not', null).where('replied_at', 'is', null);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  const v = f.visibleTo;
  if (v)
    q = q.where((eb) =>
      eb.or([
        eb('technician_id', '=', v.actorId),
        ...(v.teams.length ? [eb('team_code', 'in', v.teams)] : []),
      ]),
    );
  const a = f.after;
  if (a)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', a.createdAt),
        eb.and([eb('created_at', '=', a.createdAt), eb('id', '<', a.id)]),
      ]),
    );
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Cards rated in [from, to), for figures. */
export function cardsSubmittedBetween(
  db: Kysely<DB>,
  estateId: string,
  from: string,
  to: string,
  f: { team?: string; assigneeId?: string },
) {
  let q = db
    .selectFrom('rating_cards')
    .select([
      'punctuality',
      'attitude',
      'skill',
      'tidiness',
      'overall',
      'comment',
      'reply_due_at',
      'replied_at',
    ])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'submitted')
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.assigneeId) q = q.where('technician_id', '=', f.assigneeId);
  return q.execute();
}

// ── guessing ───────────────────────────────────────────────────────────────────────────────

export async function countFailures(db: Kysely<DB>, ip: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('rating_token_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertFailure(db: Kysely<DB>, row: { id: string; at: string; ip: string }) {
  await db.insertInto('rating_token_failures').values(row).execute();
}

/** Drops failures older than `before` (they no longer count). */
export async function pruneFailures(db: Kysely<DB>, before: string): Promise<number> {
  const r = await db.deleteFrom('rating_token_failures').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
