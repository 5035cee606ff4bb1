import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Columns of a visit as the mapper reads them (with the room code and the visitor's name). */
function visitSelect(db: Kysely<DB>) {
  return db
    .selectFrom('visits')
    .innerJoin('households', (j) =>
      j
        .onRef('households.estate_id', '=', 'visits.estate_id')
        .onRef('households.id', '=', 'visits.household_id'),
    )
    .innerJoin('accounts', 'accounts.id', 'visits.visitor_id')
    .selectAll('visits')
    .select(['households.room_code', 'accounts.display_name as visitor_name']);
}

export type VisitRow = Awaited<ReturnType<typeof findVisit>> & {};
export type ProblemRow = { visit_id: string; seq: number; text: string; request_id: string | null };

/** A visit by id, in any of the given estates ('all': any estate). */
export function findVisit(db: Kysely<DB>, id: string, estateIds: string[] | 'all') {
  let q = visitSelect(db).where('visits.id', '=', id);
  if (estateIds !== 'all') {
    if (!estateIds.length) return Promise.resolve(undefined);
    q = q.where('visits.estate_id', 'in', estateIds);
  }
  return q.executeTakeFirst();
}

export interface VisitFilter {
  estateIds: string[];
  householdId?: string;
  visitorId?: string;
  kind?: string;
  from?: string;
  to?: string;
  /** Keyset: visits strictly older than (visited_at, id). */
  before?: [string, string];
  limit: number;
}

/** A page of visits, newest first, keyset-paginated on (visited_at, id). */
export function listVisits(db: Kysely<DB>, f: VisitFilter) {
  let q = visitSelect(db).where(
    f.estateIds.length === 1
      ? (eb) => eb('visits.estate_id', '=', f.estateIds[0]!)
      : (eb) => eb('visits.estate_id', 'in', f.estateIds),
  );
  if (f.householdId) q = q.where('visits.household_id', '=', f.householdId);
  if (f.visitorId) q = q.where('visits.visitor_id', '=', f.visitorId);
  if (f.kind) q = q.where('visits.kind', '=', f.kind);
  if (f.from) q = q.where('visits.visited_at', '>=', f.from);
  if (f.to) q = q.where('visits.visited_at', '<', f.to);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('visits.visited_at', '<', at),
        eb.and([eb('visits.visited_at', '=', at), eb('visits.id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy('visits.visited_at', 'desc')
    .orderBy('visits.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The problems of the given visits, in form order. */
export async function problemsOf(
  db: Kysely<DB>,
  estateIds: string[],
  visitIds: string[],
): Promise<ProblemRow[]> {
  if (!visitIds.length || !estateIds.length) return [];
  return db
    .selectFrom('visit_problems')
    .select(['visit_id', 'seq', 'text', 'request_id'])
    .where('estate_id', 'in', estateIds)
    .where('visit_id', 'in', visitIds)
    .orderBy('visit_id')
    .orderBy('seq')
    .execute();
}

/** True when the household has an active consent for the purpose. */
export async function hasActiveConsent(
  db: Kysely<DB>,
  estateId: string,
  householdId: string,
  purpose: string,
) {
  const r = await db
    .selectFrom('consents')
    .select('id')
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return !!r;
}

export { estateTimeZone } from '../estates/index.js';

/** Buildings a butler looks after in an estate (楼栋管家). */
export async function butlerBuildings(db: Kysely<DB>, estateId: string, accountId: string) {
  const rows = await db
    .selectFrom('butler_buildings')
    .select('building_id')
    .where('estate_id', '=', estateId)
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.building_id);
}

/** Every occupied household of an estate (optionally of some buildings): what ranking needs. */
export function suggestionCandidates(db: Kysely<DB>, estateId: string, buildingIds?: string[]) {
  let q = db
    .selectFrom('households')
    .select(['id', 'room_code', 'room_sort', 'building_id', 'care_flags', 'move_in_date'])
    .where('estate_id', '=', estateId)
    .where('occupancy', '!=', 'vacant');
  if (buildingIds) q = q.where('building_id', 'in', buildingIds);
  return q.execute();
}

/** The last visit of every visited household of an estate (one grouped scan of an index). */
export function lastVisits(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('visits')
    .select((eb) => ['household_id', eb.fn.max('visited_at').as('last_at')])
    .where('estate_id', '=', estateId)
    .groupBy('household_id')
    .execute();
}

export interface CountFilter {
  visitorId?: string;
  kinds?: string[];
  /** Inclusive, ISO instant. */
  from: string;
  /** Exclusive, ISO instant. */
  to: string;
}

function countBase(db: Kysely<DB>, estateId: string, f: CountFilter) {
  let q = db
    .selectFrom('visits')
    .where('estate_id', '=', estateId)
    .where('visited_at', '>=', f.from)
    .where('visited_at', '<', f.to);
  if (f.visitorId) q = q.where('visitor_id', '=', f.visitorId);
  if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
  return q;
}

export async function countVisits(db: Kysely<DB>, estateId: string, f: CountFilter): Promise<number> {
  const r = await countBase(db, estateId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countByVisitor(db: Kysely<DB>, estateId: string, f: CountFilter) {
  const rows = await countBase(db, estateId, f)
    .select((eb) => ['visitor_id', eb.fn.countAll<number>().as('n')])
    .groupBy('visitor_id')
    .execute();
  return new Map(rows.map((r) => [r.visitor_id, Number(r.n)]));
}

export async function visitedHouseholds(db: Kysely<DB>, estateId: string, f: CountFilter) {
  const rows = await countBase(db, estateId, f).select('household_id').distinct().execute();
  return rows.map((r) => r.household_id);
}
