import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RevisitRow } from './rating.repository.js';
import type { RevisitsTable } from './rating.table.js';

/** SQL of revisits (回访). */

/** Inserts a revisit unless one of this kind exists for the request; true when this call created it. */
export async function insertRevisit(db: Kysely<DB>, row: Insertable<RevisitsTable>): Promise<boolean> {
  const r = await db
    .insertInto('revisits')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'request_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findRevisit(db: Kysely<DB>, id: string): Promise<RevisitRow | undefined> {
  return db.selectFrom('revisits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes an open revisit at the version read; true when this call won. */
export async function completeRevisit(
  db: Kysely<DB>,
  key: { estateId: string; id: string; version: number },
  set: Updateable<RevisitsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('revisits')
    .set({ ...set, status: 'done', version: key.version + 1 })
    .where('estate_id', '=', key.estateId)
    .where('id', '=', key.id)
    .where('status', '=', 'open')
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface RevisitFilter {
  estateIds: string[] | 'all';
  ownerId?: string;
  /** open includes overdue; overdue is open with due_at before `now`. */
  status?: 'open' | 'done' | 'overdue';
  kind?: string;
  now: string;
  after?: { dueAt: string; id: string };
  limit: number;
}

/** By due time (soonest first); keyset pagination on (due_at, id). */
export function listRevisits(db: Kysely<DB>, f: RevisitFilter): Promise<RevisitRow[]> {
  let q = db
    .selectFrom('revisits')
    .selectAll('revisits')
    // The service's English name, kept on the request (the revisit keeps the Chinese one).
    .select((eb) =>
      eb
        .selectFrom('service_requests as r')
        .select('r.service_name_en')
        .whereRef('r.estate_id', '=', 'revisits.estate_id')
        .whereRef('r.id', '=', 'revisits.request_id')
        .as('service_name_en'),
    );
  if (f.estateIds !== 'all') {
    if (!f.estateIds.length) return Promise.resolve([]);
    q = q.where('estate_id', 'in', f.estateIds);
  }
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status === 'done') q = q.where('status', '=', 'done');
  if (f.status === 'open') q = q.where('status', '=', 'open');
  if (f.status === 'overdue') q = q.where('status', '=', 'open').where('due_at', '<', f.now);
  const a = f.after;
  if (a)
    q = q.where((eb) =>
      eb.or([eb('due_at', '>', a.dueAt), eb.and([eb('due_at', '=', a.dueAt), eb('id', '>', a.id)])]),
    );
  return q
    .orderBy('due_at')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/** Revisits due in [from, to), for figures. */
export function revisitsDueBetween(
  db: Kysely<DB>,
  estateId: string,
  from: string,
  to: string,
  f: { team?: string; assigneeId?: string },
) {
  let q = db
    .selectFrom('revisits')
    .select(['status', 'due_at', 'completed_at'])
    .where('estate_id', '=', estateId)
    .where('due_at', '>=', from)
    .where('due_at', '<', to);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.assigneeId) q = q.where('technician_id', '=', f.assigneeId);
  return q.execute();
}
