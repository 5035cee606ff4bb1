import type { Kysely, Updateable } from 'kysely';
import type { DB } from './schema.js';

/** Tables whose rows carry an estate, an id and a version (optimistic concurrency). */
export type VersionedTable = {
  [K in keyof DB]: DB[K] extends { estate_id: unknown; id: unknown; version: unknown } ? K : never;
}[keyof DB];

/**
 * Updates one row only at the version the caller read, raising it by one: false when someone
 * else changed the row first (the caller answers 412) or it is gone.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  key: { estateId: string; id: string; version: number },
  set: Updateable<DB[T]>,
): Promise<boolean> {
  // Kysely cannot resolve column names on a table chosen by a type parameter: the key columns are
  // common to every VersionedTable, and `set` was checked against the table's own columns above.
  type Row = { estate_id: string; id: string; version: number };
  const r = await (db as unknown as Kysely<{ row: Row }>)
    .updateTable(table as unknown as 'row')
    .set({ ...(set as Partial<Row>), version: key.version + 1 })
    .where('estate_id', '=', key.estateId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
