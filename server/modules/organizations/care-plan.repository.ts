import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CarePlanItemsTable } from './organization.table.js';

// Every SQL statement of the seasonal care plan (C7).

type Db = Kysely<DB>;

export type CareItemRow = Selectable<CarePlanItemsTable> & { owner_name: string | null };

function itemSelect(db: Db) {
  return db
    .selectFrom('care_plan_items as i')
    .leftJoin('accounts as a', 'a.id', 'i.owner_id')
    .selectAll('i')
    .select('a.display_name as owner_name');
}

/** Items of one quarter by due date. */
export function listItems(db: Db, estateId: string, quarter: string) {
  return itemSelect(db)
    .where('i.estate_id', '=', estateId)
    .where('i.quarter', '=', quarter)
    .orderBy('i.due_date')
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute() as Promise<CareItemRow[]>;
}

export function findItem(db: Db, id: string, scope: string[] | 'all') {
  let q = itemSelect(db).where('i.id', '=', id);
  if (scope !== 'all') q = q.where('i.estate_id', 'in', scope.length ? scope : ['-']);
  return q.executeTakeFirst() as Promise<CareItemRow | undefined>;
}

export function insertItem(db: Db, row: Insertable<CarePlanItemsTable>) {
  return db.insertInto('care_plan_items').values(row).execute();
}

/** Inserts copied items, skipping those copied from the same source into the quarter before; returns how many. */
export async function insertCopies(db: Db, rows: Insertable<CarePlanItemsTable>[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await db
    .insertInto('care_plan_items')
    .values(rows)
    .onConflict((oc) => oc.columns(['estate_id', 'quarter', 'copied_from']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Done and total items of a quarter and the latest one marked done (C7 evidence). */
export async function quarterEvidence(db: Db, estateId: string, quarter: string) {
  const [counts, latest] = await Promise.all([
    db
      .selectFrom('care_plan_items')
      .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('done_on').as('done')])
      .where('estate_id', '=', estateId)
      .where('quarter', '=', quarter)
      .executeTakeFirst(),
    db
      .selectFrom('care_plan_items')
      .select(['id', 'done_at', 'title'])
      .where('estate_id', '=', estateId)
      .where('quarter', '=', quarter)
      .where('done_at', 'is not', null)
      .orderBy('done_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { total: Number(counts?.total ?? 0), done: Number(counts?.done ?? 0), latest };
}
