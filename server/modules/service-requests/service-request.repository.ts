import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  ServiceCatalogTable,
  ServiceRequestEventsTable,
  ServiceRequestsTable,
} from './service-request.table.js';

/** Every SQL statement of the service requests module; each function takes a Kysely or a transaction. */

export type CatalogRow = Selectable<ServiceCatalogTable>;
export type RequestRow = Selectable<ServiceRequestsTable>;
export type EventRow = Selectable<ServiceRequestEventsTable>;

export const OPEN_STATUSES = ['new', 'assigned', 'accepted', 'in_progress'] as const;

export { estateTimeZone } from '../estates/index.js';

export function listCatalog(
  db: Kysely<DB>,
  estateId: string,
  f: { visibility?: string; includeInactive?: boolean },
): Promise<CatalogRow[]> {
  let q = db.selectFrom('service_catalog').selectAll().where('estate_id', '=', estateId);
  if (f.visibility) q = q.where('visibility', '=', f.visibility);
  if (!f.includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('code').execute();
}

export function findCatalog(db: Kysely<DB>, estateId: string, id: string): Promise<CatalogRow | undefined> {
  return db
    .selectFrom('service_catalog')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findHousehold(db: Kysely<DB>, estateId: string, id: string) {
  return db
    .selectFrom('households')
    .select(['id', 'room_code', 'care_flags'])
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<ServiceRequestsTable>): Promise<void> {
  await db.insertInto('service_requests').values(row).execute();
}

export async function insertEvent(db: Kysely<DB>, row: Insertable<ServiceRequestEventsTable>): Promise<void> {
  await db.insertInto('service_request_events').values(row).execute();
}

/** A request by id alone (URLs carry no estate); the caller checks the estate scope. */
export function findRequest(db: Kysely<DB>, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEvents(db: Kysely<DB>, estateId: string, requestId: string): Promise<EventRow[]> {
  return db
    .selectFrom('service_request_events')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * A state change as one conditional UPDATE: it applies only when the request is still in one
 * of `from` at `version` (and, when given, still has `assignee`), so of two concurrent changes
 * exactly one wins. Returns whether this one did.
 */
export async function transition(
  db: Kysely<DB>,
  key: { estateId: string; id: string; from: readonly string[]; version: number; assignee?: string | null },
  set: Updateable<ServiceRequestsTable>,
): Promise<boolean> {
  let q = db
    .updateTable('service_requests')
    .set({ ...set, version: key.version + 1 })
    .where('estate_id', '=', key.estateId)
    .where('id', '=', key.id)
    .where('status', 'in', [...key.from])
    .where('version', '=', key.version);
  if (key.assignee === null) q = q.where('assignee_id', 'is', null);
  else if (key.assignee !== undefined) q = q.where('assignee_id', '=', key.assignee);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface RequestFilter {
  /** Estates to list; 'all' for an admin without an estate filter. */
  estateIds: string[] | 'all';
  statuses?: string[];
  team?: string;
  assigneeId?: string;
  householdId?: string;
  /** Non-dispatchers: only their teams' requests, the ones they took and the ones assigned to them. */
  visibleTo?: { actorId: string; teams: { estateId: string; teamCode: string }[] };
  after?: { care: number; dueAt: string; id: string };
  limit: number;
}

/** Care-flagged first (T7), then by the next due time; keyset pagination on (care, due_at, id). */
export function listRequests(db: Kysely<DB>, f: RequestFilter): Promise<RequestRow[]> {
  let q = db.selectFrom('service_requests').selectAll();
  if (f.estateIds !== 'all') {
    if (!f.estateIds.length) return Promise.resolve([]);
    q = q.where('estate_id', 'in', f.estateIds);
  }
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  if (f.householdId) q = q.where('household_id', '=', f.householdId);
  const v = f.visibleTo;
  if (v)
    q = q.where((eb) =>
      eb.or([
        eb('taken_by', '=', v.actorId),
        eb('assignee_id', '=', v.actorId),
        ...v.teams.map((t) => eb.and([eb('estate_id', '=', t.estateId), eb('team_code', '=', t.teamCode)])),
      ]),
    );
  const a = f.after;
  if (a)
    q = q.where((eb) =>
      eb.or([
        eb('care', '<', a.care),
        eb.and([
          eb('care', '=', a.care),
          eb.or([eb('due_at', '>', a.dueAt), eb.and([eb('due_at', '=', a.dueAt), eb('id', '>', a.id)])]),
        ]),
      ]),
    );
  return q
    .orderBy('care', 'desc')
    .orderBy('due_at')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/** The team (code) of an account in each of its estates. */
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

/** Active staff accounts of a team in an estate, with their skills. */
export function teamMembers(db: Kysely<DB>, estateId: string, teamCode: string) {
  return db
    .selectFrom('staff_assignments as s')
    .innerJoin('teams as t', (j) =>
      j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'),
    )
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.display_name', 'a.role', 's.skills'])
    .where('s.estate_id', '=', estateId)
    .where('t.code', '=', teamCode)
    .where('a.status', '=', 'active')
    .where('a.role', '!=', 'resident')
    .orderBy('a.display_name')
    .execute();
}

/** Open jobs (assigned, accepted, in progress) per assignee in an estate. */
export async function openLoad(db: Kysely<DB>, estateId: string, accountIds: string[]) {
  if (!accountIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('service_requests')
    .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('n')])
    .where('estate_id', '=', estateId)
    .where('assignee_id', 'in', accountIds)
    .where('status', 'in', ['assigned', 'accepted', 'in_progress'])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Requests created in [from, to) for figures (with team and assignee for the breakdowns). */
export function requestsCreatedBetween(
  db: Kysely<DB>,
  estateId: string,
  from: string,
  to: string,
  f: { team?: string; assigneeId?: string },
) {
  let q = db
    .selectFrom('service_requests')
    .select([
      'team_code',
      'assignee_id',
      'assignee_name',
      'status',
      'created_at',
      'accepted_at',
      'completed_at',
      'response_due_at',
      'completion_due_at',
      'charge_kind',
      'charged_fen',
      'material_cost_fen',
    ])
    .where('estate_id', '=', estateId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  return q.execute();
}
