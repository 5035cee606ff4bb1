import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535: stay far below.
const PARAMS_PER_STATEMENT = 12_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Multi-row inserts, each statement well under both engines' bound-parameter limits. */
export async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMS_PER_STATEMENT / columns)));
  const anyDb = db as unknown as Kysely<any>;
  for (let i = 0; i < rows.length; i += size) {
    await anyDb
      .insertInto(table)
      .values(rows.slice(i, i + size) as any[])
      .execute();
  }
}
