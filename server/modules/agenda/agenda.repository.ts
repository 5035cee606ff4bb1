import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AgendaTasksTable } from './agenda.table.js';

// Every SQL statement of the agenda. Reads of other modules' tables (visits, loyal groups,
// households, staff) are read-only aggregates for the tick and the board: one grouped query per
// figure instead of a call per person (no N+1). Writes go only to agenda_tasks.

export type TaskRow = Awaited<ReturnType<typeof findTask>> & {};
export type NewTask = Insertable<AgendaTasksTable>;

export { estateTimeZone } from '../estates/index.js';

export async function allEstates(db: Kysely<DB>) {
  return db.selectFrom('estates').select(['id', 'time_zone']).orderBy('id').execute();
}

/** Active staff working in an estate, with their team code. */
export function staffOf(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('staff_assignments')
    .innerJoin('accounts', 'accounts.id', 'staff_assignments.account_id')
    .leftJoin('teams', (j) =>
      j
        .onRef('teams.estate_id', '=', 'staff_assignments.estate_id')
        .onRef('teams.id', '=', 'staff_assignments.team_id'),
    )
    .select(['accounts.id', 'accounts.display_name', 'accounts.role', 'teams.code as team'])
    .where('staff_assignments.estate_id', '=', estateId)
    .where('accounts.status', '=', 'active')
    .orderBy('accounts.display_name')
    .execute();
}

/** An account and the estates it works in. */
export async function accountWithEstates(db: Kysely<DB>, accountId: string) {
  const [account, estates] = await Promise.all([
    db
      .selectFrom('accounts')
      .select(['id', 'display_name', 'role'])
      .where('id', '=', accountId)
      .executeTakeFirst(),
    db
      .selectFrom('staff_assignments')
      .select('estate_id')
      .where('account_id', '=', accountId)
      .orderBy('estate_id')
      .execute(),
  ]);
  return account ? { ...account, estateIds: estates.map((e) => e.estate_id) } : undefined;
}

/** Inserts tasks once: the natural key turns a second insert (another tick) into nothing. */
export async function insertTasks(db: Kysely<DB>, rows: NewTask[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 100) {
    const inserted = await db
      .insertInto('agenda_tasks')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc.columns(['estate_id', 'commitment_id', 'assignee_id', 'subject', 'period_key']).doNothing(),
      )
      .returning('id')
      .execute();
    created += inserted.length;
  }
  return created;
}

/** Open commitment tasks whose period has started by `date` (past ones and current ones). */
export function openTasksStartedBy(db: Kysely<DB>, estateId: string, date: string) {
  return db
    .selectFrom('agenda_tasks')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('status', '=', 'open')
    .where('kind', 'in', ['quota_visits', 'standing_group'])
    .where('period_start', '<=', date)
    .execute();
}

export function findTask(db: Kysely<DB>, id: string) {
  return db.selectFrom('agenda_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTaskIn(db: Kysely<DB>, estateId: string, id: string) {
  return db
    .selectFrom('agenda_tasks')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A person's agenda: every open task, and any task due since `since` (recent history). */
export function tasksOf(db: Kysely<DB>, estateId: string, assigneeId: string, since: string) {
  return db
    .selectFrom('agenda_tasks')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('assignee_id', '=', assigneeId)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('due_at', '>=', since)]))
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** Sets the outcome of an open task; 0 when someone else changed it first. */
export async function settleTask(
  db: Kysely<DB>,
  estateId: string,
  id: string,
  set: {
    status: string;
    progress: number;
    target?: number | null;
    evidence: string;
    done_at: string | null;
    updated_at: string;
    updated_by: string | null;
  },
): Promise<number> {
  const r = await db
    .updateTable('agenda_tasks')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setProgress(
  db: Kysely<DB>,
  estateId: string,
  id: string,
  progress: number,
  evidence: string,
) {
  await db
    .updateTable('agenda_tasks')
    .set({ progress, evidence })
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export interface VisitWindow {
  /** Inclusive ISO instant. */
  from: string;
  /** Exclusive ISO instant. */
  to: string;
  kinds?: string[];
  visitorIds?: string[];
}

/** Visits of an estate in a window (optionally of some kinds and visitors), oldest first. */
export function visitRows(db: Kysely<DB>, estateId: string, w: VisitWindow) {
  if (w.visitorIds && !w.visitorIds.length) return Promise.resolve([]);
  let q = db
    .selectFrom('visits')
    .select(['id', 'visitor_id', 'household_id', 'visited_at', 'kind'])
    .where('estate_id', '=', estateId)
    .where('visited_at', '>=', w.from)
    .where('visited_at', '<', w.to);
  if (w.kinds?.length) q = q.where('kind', 'in', w.kinds);
  if (w.visitorIds) q = q.where('visitor_id', 'in', w.visitorIds);
  return q.orderBy('visited_at').orderBy('id').execute();
}

/** Loyal-group members added before `before`, per leader (S5 group sizes). */
export function loyalMembers(db: Kysely<DB>, estateId: string, before: string) {
  return db
    .selectFrom('loyal_group_members')
    .select(['leader_id', 'household_id', 'added_at'])
    .where('estate_id', '=', estateId)
    .where('added_at', '<', before)
    .execute();
}

/** Households that are lived in (not vacant): who is owed a per-household quota (S2). */
export async function occupiedHouseholds(db: Kysely<DB>, estateId: string): Promise<number> {
  const r = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', estateId)
    .where('occupancy', '!=', 'vacant')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest visit of an estate (optionally one where the channels flyer was handed over). */
export function latestVisit(db: Kysely<DB>, estateId: string, flyer = false) {
  let q = db.selectFrom('visits').select(['id', 'visited_at']).where('estate_id', '=', estateId);
  if (flyer) q = q.where('flyer_given', '=', 1);
  return q.orderBy('visited_at', 'desc').limit(1).executeTakeFirst();
}

/** Per-household quota in a window: households reaching `target`, checks per visitor, some evidence ids. */
export async function householdQuotaFigures(
  db: Kysely<DB>,
  estateId: string,
  w: VisitWindow & { target: number; evidenceCap: number },
) {
  const base = () => {
    let q = db
      .selectFrom('visits')
      .where('estate_id', '=', estateId)
      .where('visited_at', '>=', w.from)
      .where('visited_at', '<', w.to);
    if (w.kinds?.length) q = q.where('kind', 'in', w.kinds);
    return q;
  };
  const [reached, byVisitor, evidence] = await Promise.all([
    db
      .selectFrom(
        base()
          .select('household_id')
          .groupBy('household_id')
          .having((eb) => eb.fn.countAll(), '>=', w.target)
          .as('h'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base()
      .select((eb) => ['visitor_id', eb.fn.countAll<number>().as('n')])
      .groupBy('visitor_id')
      .execute(),
    base()
      .select('id')
      .orderBy('visited_at', 'desc')
      .limit(w.evidenceCap + 1)
      .execute(),
  ]);
  return {
    households: Number(reached.n),
    byVisitor: byVisitor.map((r) => ({ visitorId: r.visitor_id, n: Number(r.n) })),
    ids: evidence.map((r) => r.id),
  };
}

// Revisits (回访, owned by the ratings module): read here for revisit tasks and follow-up figures.

/** Open revisits of an estate that have an owner (optionally of one owner). */
export function openRevisits(db: Kysely<DB>, estateId: string, ownerId?: string) {
  let q = db
    .selectFrom('revisits')
    .select(['id', 'kind', 'owner_id', 'due_at', 'created_at', 'request_id', 'room_code', 'service_name_zh'])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'open')
    .where('owner_id', 'is not', null);
  if (ownerId) q = q.where('owner_id', '=', ownerId);
  return q.execute();
}

/** Revisits by id (status and owner), for open revisit tasks that may have been settled. */
export async function revisitsByIds(db: Kysely<DB>, estateId: string, ids: string[]) {
  const out: { id: string; status: string; owner_id: string | null; completed_at: unknown }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('revisits')
        .select(['id', 'status', 'owner_id', 'completed_at'])
        .where('estate_id', '=', estateId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** Open revisit tasks of an estate (optionally of one assignee). */
export function openRevisitTasks(db: Kysely<DB>, estateId: string, assigneeId?: string) {
  let q = db
    .selectFrom('agenda_tasks')
    .select(['id', 'assignee_id', 'subject', 'evidence'])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'open')
    .where('kind', '=', 'revisit');
  if (assigneeId) q = q.where('assignee_id', '=', assigneeId);
  return q.execute();
}

/** Removes open revisit tasks whose revisit now belongs to someone else (or to nobody). */
export async function dropRevisitTasks(db: Kysely<DB>, estateId: string, ids: string[]) {
  if (!ids.length) return;
  await db
    .deleteFrom('agenda_tasks')
    .where('estate_id', '=', estateId)
    .where('kind', '=', 'revisit')
    .where('status', '=', 'open')
    .where('id', 'in', ids)
    .execute();
}

/** Revisits of some kinds due in [from, to): the follow-up figures (T4, T6, E15). */
export function revisitsDue(db: Kysely<DB>, estateId: string, kinds: string[], from: string, to: string) {
  if (!kinds.length) return Promise.resolve([]);
  return (
    db
      .selectFrom('revisits')
      .select(['id', 'kind', 'team_code', 'owner_id', 'owner_name', 'due_at', 'status', 'completed_at'])
      .where('estate_id', '=', estateId)
      // Both statuses named so that the (estate_id, status, due_at) index serves the range.
      .where('status', 'in', ['open', 'done'])
      .where('due_at', '>=', from)
      .where('due_at', '<', to)
      .where('kind', 'in', kinds)
      .orderBy('due_at')
      .orderBy('id')
      .execute()
  );
}
