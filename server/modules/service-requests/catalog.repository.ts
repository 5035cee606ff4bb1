import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { ServiceCatalogTable } from './service-request.table.js';

/** SQL of catalog editing; each function takes a Kysely or a transaction. */

export function findByCode(db: Kysely<DB>, estateId: string, code: string) {
  return db
    .selectFrom('service_catalog')
    .select(['id'])
    .where('estate_id', '=', estateId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The next display position: after every existing entry. */
export async function nextSort(db: Kysely<DB>, estateId: string): Promise<number> {
  const r = await db
    .selectFrom('service_catalog')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where('estate_id', '=', estateId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 10;
}

/** Inserts an entry unless its code exists (a concurrent create): returns whether it did. */
export async function insertEntry(db: Kysely<DB>, row: Insertable<ServiceCatalogTable>): Promise<boolean> {
  const r = await db
    .insertInto('service_catalog')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Changes an entry if it is still at `version`: returns whether this change won. */
export async function updateEntry(
  db: Kysely<DB>,
  key: { estateId: string; id: string; version: number },
  set: Updateable<ServiceCatalogTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'service_catalog', key, set);
}
