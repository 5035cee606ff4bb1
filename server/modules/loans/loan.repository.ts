import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LoanItemsTable, LoansTable } from './loan.table.js';

/** An item by id, in any of the given estates ('all': any estate). */
export function findItem(db: Kysely<DB>, id: string, estateIds: string[] | 'all') {
  let q = db.selectFrom('loan_items').selectAll().where('id', '=', id);
  if (estateIds !== 'all') {
    if (!estateIds.length) return Promise.resolve(undefined);
    q = q.where('estate_id', 'in', estateIds);
  }
  return q.executeTakeFirst();
}

export type LoanItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

/** Every item of an estate, by location then kind then name. */
export function listItems(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('loan_items')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('location')
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

/**
 * Takes one unit of an item if one is available: a single conditional update, so two people
 * lending the last one at the same moment cannot both succeed (the row lock in PostgreSQL
 * re-checks the condition; SQLite serializes writers). Returns false when none is available.
 */
export async function takeOne(db: Kysely<DB>, estateId: string, itemId: string, now: string) {
  const r = await db
    .updateTable('loan_items')
    .set({ on_loan: sql`on_loan + 1`, updated_at: now })
    .where('estate_id', '=', estateId)
    .where('id', '=', itemId)
    .where('active', '=', 1)
    .where(sql<boolean>`on_loan < stock`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives one unit back; a lost item also leaves the stock. */
export async function giveBack(db: Kysely<DB>, estateId: string, itemId: string, lost: boolean, now: string) {
  await db
    .updateTable('loan_items')
    .set({
      on_loan: sql`case when on_loan > 0 then on_loan - 1 else 0 end`,
      ...(lost ? { stock: sql`case when stock > 0 then stock - 1 else 0 end` } : {}),
      version: sql`version + 1`,
      updated_at: now,
    })
    .where('estate_id', '=', estateId)
    .where('id', '=', itemId)
    .execute();
}

export function insertLoan(db: Kysely<DB>, row: Insertable<LoansTable>) {
  return db.insertInto('loans').values(row).execute();
}

/** Inserts an item unless the same (estate, location, kind, name) exists; returns whether it did. */
export async function insertItemIfMissing(db: Kysely<DB>, row: Insertable<LoanItemsTable>) {
  const r = await db
    .insertInto('loan_items')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'location', 'kind', 'name']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Closes an open loan; returns false when it was already returned (someone else was first). */
export async function closeLoan(
  db: Kysely<DB>,
  estateId: string,
  id: string,
  v: { returnedAt: string; returnedTo: string; condition: string; note: string | null },
) {
  const r = await db
    .updateTable('loans')
    .set({
      returned_at: v.returnedAt,
      returned_to: v.returnedTo,
      condition: v.condition,
      note: v.note,
      version: sql`version + 1`,
      updated_at: v.returnedAt,
    })
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Loans with their item, household room and the lender's name, as the mapper reads them. */
function loanSelect(db: Kysely<DB>) {
  return db
    .selectFrom('loans')
    .innerJoin('loan_items', (j) =>
      j.onRef('loan_items.estate_id', '=', 'loans.estate_id').onRef('loan_items.id', '=', 'loans.item_id'),
    )
    .leftJoin('households', (j) =>
      j
        .onRef('households.estate_id', '=', 'loans.estate_id')
        .onRef('households.id', '=', 'loans.household_id'),
    )
    .leftJoin('accounts', 'accounts.id', 'loans.lent_by')
    .selectAll('loans')
    .select([
      'loan_items.name as item_name',
      'loan_items.kind as item_kind',
      'loan_items.location as item_location',
      'households.room_code',
      'accounts.display_name as lent_by_name',
    ]);
}

/** A loan by id, in any of the given estates ('all': any estate). */
export function findLoan(db: Kysely<DB>, id: string, estateIds: string[] | 'all') {
  let q = loanSelect(db).where('loans.id', '=', id);
  if (estateIds !== 'all') {
    if (!estateIds.length) return Promise.resolve(undefined);
    q = q.where('loans.estate_id', 'in', estateIds);
  }
  return q.executeTakeFirst();
}

export type LoanRow = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

export interface LoanFilter {
  /** 'all': every estate (an admin without an estate filter). */
  estateIds: string[] | 'all';
  status?: 'open' | 'overdue' | 'returned';
  itemId?: string;
  /** ISO now, for overdue. */
  now: string;
  /** Keyset: loans strictly older than (lent_at, id). */
  before?: [string, string];
  limit: number;
}

/** A page of loans, newest first, keyset-paginated on (lent_at, id); fetches limit + 1 rows. */
export function listLoans(db: Kysely<DB>, f: LoanFilter) {
  let q = loanSelect(db);
  if (f.estateIds !== 'all') q = q.where('loans.estate_id', 'in', f.estateIds);
  if (f.itemId) q = q.where('loans.item_id', '=', f.itemId);
  if (f.status === 'returned') q = q.where('loans.returned_at', 'is not', null);
  if (f.status === 'open') q = q.where('loans.returned_at', 'is', null);
  if (f.status === 'overdue') q = q.where('loans.returned_at', 'is', null).where('loans.due_at', '<', f.now);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where((eb) =>
      eb.or([eb('loans.lent_at', '<', at), eb.and([eb('loans.lent_at', '=', at), eb('loans.id', '<', id)])]),
    );
  }
  return q
    .orderBy('loans.lent_at', 'desc')
    .orderBy('loans.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The household, when it is in the estate. */
export function findHousehold(db: Kysely<DB>, estateId: string, id: string) {
  return db
    .selectFrom('households')
    .select(['id', 'room_code'])
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function estateTimeZone(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('estates').select(['id', 'time_zone']).where('id', '=', estateId).executeTakeFirst();
}

/** Creation times of the estate's requests for a team in [from, to): only the one column needed. */
export function requestTimes(db: Kysely<DB>, estateId: string, team: string, from: string, to: string) {
  return db
    .selectFrom('service_requests')
    .select('created_at')
    .where('estate_id', '=', estateId)
    .where('team_code', '=', team)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
}

/** The team's posts' shifts and its active staff count in the estate. */
export async function teamRoster(db: Kysely<DB>, estateId: string, team: string) {
  const t = await db
    .selectFrom('teams')
    .select('id')
    .where('estate_id', '=', estateId)
    .where('code', '=', team)
    .executeTakeFirst();
  if (!t) return { shifts: [] as string[], size: 0 };
  const posts = await db
    .selectFrom('posts')
    .select('shift')
    .where('estate_id', '=', estateId)
    .where('team_id', '=', t.id)
    .execute();
  const size = await db
    .selectFrom('staff_assignments')
    .innerJoin('accounts', 'accounts.id', 'staff_assignments.account_id')
    .select((eb) => eb.fn.count<string | number>('staff_assignments.account_id').distinct().as('n'))
    .where('staff_assignments.estate_id', '=', estateId)
    .where('staff_assignments.team_id', '=', t.id)
    .where('accounts.status', '=', 'active')
    .executeTakeFirst();
  return {
    shifts: posts.map((p) => p.shift).filter((s): s is string => !!s && !!s.trim()),
    size: Number(size?.n ?? 0),
  };
}

/** Main entrances of an estate (for the default trolleys). */
export function mainEntrances(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('entrances')
    .select(['id', 'name'])
    .where('estate_id', '=', estateId)
    .where('is_main', '=', 1)
    .orderBy('name')
    .execute();
}
